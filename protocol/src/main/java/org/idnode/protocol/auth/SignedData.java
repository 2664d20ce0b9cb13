package org.idnode.protocol.auth;

import io.netty.buffer.ByteBuf;
import org.idnode.protocol.Limits;
import org.idnode.protocol.ProtocolException;
import org.idnode.protocol.codec.EnvelopeCodec;
import org.idnode.protocol.model.Envelope;
import org.idnode.protocol.model.ProtocolVersion;

/**
 * The octets an HS_SIGNED or HS_MAC credential covers (handle-protocol.md §9). [CNRI] This is not
 * the RFC's header+body: from 2.6 on (§19) CNRI prefixes the envelope's version octets, session id,
 * request id and the session counter (the credential's signer-index slot), and from 2.8 on the
 * suggested version octets as well:
 *
 * <pre>major, minor, [suggestedMajor, suggestedMinor] || int4 sessionId || int4 requestId
 *     || int4 sessionCounter || header || body</pre>
 *
 * Header and body are exactly the transmitted octets, so everything here reads encoded buffers and
 * never re-encodes a decoded message. Input buffers are read without moving their indexes.
 */
public final class SignedData {
    private SignedData() {
    }

    /**
     * From an encoded message: envelope + message from the reader index on, as
     * {@code MessageCodec.encode} writes it (for an encrypted message: the decrypted form).
     */
    public static byte[] of(ByteBuf encoded, int sessionCounter) {
        int start = encoded.readerIndex();
        if (encoded.readableBytes() < Limits.ENVELOPE_SIZE) {
            throw ProtocolException.malformed("signed message", encoded.readableBytes(), ">= " + Limits.ENVELOPE_SIZE + " octets");
        }
        Envelope envelope = EnvelopeCodec.decode(encoded.slice(start, Limits.ENVELOPE_SIZE));
        return of(envelope, encoded.slice(start + Limits.ENVELOPE_SIZE, encoded.readableBytes() - Limits.ENVELOPE_SIZE),
                sessionCounter);
    }

    /** From an envelope and the message octets after it (header first), e.g. a decrypted payload (§15). */
    public static byte[] of(Envelope envelope, ByteBuf message, int sessionCounter) {
        return of(envelope.majorVersion(), envelope.minorVersion(), envelope.suggestedMajor(),
                envelope.effectiveSuggestedMinor(), envelope.sessionId(), envelope.requestId(), sessionCounter,
                headerAndBody(message));
    }

    /** From the pieces; {@code headerAndBody} is read from its reader index to its writer index. */
    public static byte[] of(int major, int minor, int suggestedMajor, int suggestedMinor, int sessionId, int requestId,
                            int sessionCounter, ByteBuf headerAndBody) {
        ProtocolVersion version = new ProtocolVersion(major, minor);
        int n = headerAndBody.readableBytes();
        if (!version.atLeast(2, 6)) {
            // Before 2.6 the signature covers header + body only, as in the RFC (§19).
            byte[] out = new byte[n];
            headerAndBody.getBytes(headerAndBody.readerIndex(), out);
            return out;
        }
        boolean suggested = version.atLeast(2, 8);
        int prefix = (suggested ? 4 : 2) + 12;
        byte[] out = new byte[prefix + n];
        int at = 0;
        out[at++] = (byte) major;
        out[at++] = (byte) minor;
        if (suggested) {
            out[at++] = (byte) suggestedMajor;
            out[at++] = (byte) suggestedMinor;
        }
        at = putInt(out, at, sessionId);
        at = putInt(out, at, requestId);
        at = putInt(out, at, sessionCounter);
        headerAndBody.getBytes(headerAndBody.readerIndex(), out, at, n);
        return out;
    }

    /**
     * Header + body of the message starting at the reader index of {@code message}: 24 + bodyLength
     * octets (§4), without the credential. Checks the body length against what is there.
     */
    public static ByteBuf headerAndBody(ByteBuf message) {
        int start = message.readerIndex();
        if (message.readableBytes() < Limits.HEADER_SIZE) {
            throw ProtocolException.malformed("message length", message.readableBytes(), ">= " + Limits.HEADER_SIZE);
        }
        int bodyLength = message.getInt(start + Limits.HEADER_SIZE - 4);
        if (bodyLength < 0 || bodyLength > message.readableBytes() - Limits.HEADER_SIZE) {
            throw ProtocolException.malformed("header bodyLength", bodyLength,
                    "0.." + (message.readableBytes() - Limits.HEADER_SIZE));
        }
        return message.slice(start, Limits.HEADER_SIZE + bodyLength);
    }

    private static int putInt(byte[] b, int at, int v) {
        b[at] = (byte) (v >>> 24);
        b[at + 1] = (byte) (v >>> 16);
        b[at + 2] = (byte) (v >>> 8);
        b[at + 3] = (byte) v;
        return at + 4;
    }
}
