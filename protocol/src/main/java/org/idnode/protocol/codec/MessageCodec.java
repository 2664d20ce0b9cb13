package org.idnode.protocol.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import org.idnode.protocol.Limits;
import org.idnode.protocol.OpFlags;
import org.idnode.protocol.ProtocolException;
import org.idnode.protocol.ResponseCodes;
import org.idnode.protocol.message.Message;
import org.idnode.protocol.message.MessageBody;
import org.idnode.protocol.model.Credential;
import org.idnode.protocol.model.Envelope;
import org.idnode.protocol.model.Header;
import org.idnode.protocol.model.RequestDigest;

/**
 * Whole messages: envelope (§3), header (§4), request digest (§8.1), body (§8), credential (§9).
 * Pure functions over ByteBuf: decoding never retains or releases its input.
 */
public final class MessageCodec {
    private MessageCodec() {
    }

    /** Decodes envelope + message as sent on TCP or in an HTTP body; the input holds exactly one message. */
    public static Message decode(ByteBuf frame) {
        Envelope envelope = EnvelopeCodec.decode(frame);
        if (frame.readableBytes() != envelope.messageLength()) {
            throw ProtocolException.malformed("envelope messageLength", envelope.messageLength(),
                    frame.readableBytes() + " (the octets that follow)");
        }
        if (envelope.encrypted()) {
            throw new ProtocolException(ResponseCodes.SESSION_FAILED, "envelope: encrypted message outside a session");
        }
        if (envelope.compressed()) {
            throw ProtocolException.malformed("envelope: compressed messages are not supported (CP flag)");
        }
        return decode(envelope, frame);
    }

    /** Decodes the message after an envelope (decrypted already if EC was set). */
    public static Message decode(Envelope envelope, ByteBuf in) {
        if (in.readableBytes() < Limits.HEADER_SIZE) {
            throw ProtocolException.malformed("message length", in.readableBytes(), ">= " + Limits.HEADER_SIZE);
        }
        Header header = decodeHeader(in);
        int bodyLength = in.readInt();
        if (bodyLength < 0 || bodyLength > in.readableBytes()) {
            throw ProtocolException.malformed("header bodyLength", bodyLength, "0.." + in.readableBytes());
        }
        ByteBuf body = in.readSlice(bodyLength);
        RequestDigest digest = null;
        if (!header.isRequest() && (header.has(OpFlags.RD) || header.responseCode() == ResponseCodes.AUTHENTICATION_NEEDED)) {
            digest = decodeDigest(body);
        }
        MessageBody decoded = BodyCodec.decode(header.opCode(), header.responseCode(), body);
        Credential credential = null;
        // §4: a CNRI decoder only looks for a credential if at least 4 octets remain.
        if (in.readableBytes() >= 4) {
            int credentialLength = in.readInt();
            if (credentialLength < 0 || credentialLength > in.readableBytes()) {
                throw ProtocolException.malformed("credential length", credentialLength, "0.." + in.readableBytes());
            }
            if (credentialLength > 0) {
                credential = CredentialCodec.decode(in.readSlice(credentialLength));
            }
        }
        in.skipBytes(in.readableBytes());
        return new Message(envelope, header, digest, decoded, credential);
    }

    /** Index of the header in a frame whose envelope starts at {@code envelopeAt} (§3: the envelope is 20 octets). */
    public static int headerAt(int envelopeAt) {
        return envelopeAt + Limits.ENVELOPE_SIZE;
    }

    /** Index of the body of the message whose header starts at {@code headerAt} (§4: the header is 24 octets). */
    public static int bodyAt(int headerAt) {
        return headerAt + Limits.HEADER_SIZE;
    }

    /**
     * The header at {@code headerAt} of {@code frame}, read without moving its indexes, or null when
     * fewer than 24 octets follow. For the dispatcher, which needs ids and flags even of a request
     * whose body is broken (to answer it in the right terms).
     */
    public static Header peekHeader(ByteBuf frame, int headerAt) {
        if (frame.writerIndex() - headerAt < Limits.HEADER_SIZE) {
            return null;
        }
        return new Header(frame.getInt(headerAt), frame.getInt(headerAt + 4), frame.getInt(headerAt + 8),
                frame.getShort(headerAt + 12), frame.getUnsignedByte(headerAt + 14), frame.getInt(headerAt + 16));
    }

    /** Header + body octets of the message at {@code headerAt}, or -1 when its bodyLength is unreadable or lies. */
    public static int peekHeaderAndBodyLength(ByteBuf frame, int headerAt) {
        int readable = frame.writerIndex() - headerAt;
        if (readable < Limits.HEADER_SIZE) {
            return -1;
        }
        int bodyLength = frame.getInt(headerAt + 20);
        return bodyLength >= 0 && bodyLength <= readable - Limits.HEADER_SIZE ? Limits.HEADER_SIZE + bodyLength : -1;
    }

    /** The 24-octet header without bodyLength (which the caller reads next). */
    public static Header decodeHeader(ByteBuf in) {
        int opCode = in.readInt();
        int responseCode = in.readInt();
        int flags = in.readInt();
        int serial = in.readShort();
        int recursion = in.readUnsignedByte();
        in.readUnsignedByte(); // reserved
        int expiration = in.readInt();
        return new Header(opCode, responseCode, flags, serial, recursion, expiration);
    }

    public static RequestDigest decodeDigest(ByteBuf body) {
        int type = Wire.u8(body, "digest type");
        if (type == 0) {
            // Protocol 2.0: bytes MD5 with no type octet; the octet just read was the length's first.
            body.readerIndex(body.readerIndex() - 1);
            return new RequestDigest(0, Wire.bytes(body, "legacy MD5 digest", 16));
        }
        int n = RequestDigest.lengthOf(type);
        if (n < 0) {
            throw ProtocolException.malformed("digest type", type, "1, 2 or 3");
        }
        if (body.readableBytes() < n) {
            throw ProtocolException.malformed("digest", body.readableBytes(), n + " octets");
        }
        byte[] d = new byte[n];
        body.readBytes(d);
        return new RequestDigest(type, d);
    }

    public static void encodeDigest(RequestDigest d, ByteBuf out) {
        if (d.hashType() == 0) {
            Wire.writeBytes(out, d.digest());
            return;
        }
        out.writeByte(d.hashType());
        out.writeBytes(d.digest());
    }

    public static void encodeHeader(Header h, ByteBuf out) {
        out.writeInt(h.opCode());
        out.writeInt(h.responseCode());
        out.writeInt(h.opFlags());
        out.writeShort(h.siteInfoSerial());
        out.writeByte(h.recursionCount());
        out.writeByte(0);
        out.writeInt(h.expiration());
    }

    /** Encodes envelope + message; messageLength and bodyLength are computed. */
    public static ByteBuf encode(Message m, ByteBufAllocator alloc) {
        ByteBuf out = alloc.buffer(256);
        try {
            encode(m, out);
            return out;
        } catch (RuntimeException e) {
            out.release();
            throw e;
        }
    }

    public static void encode(Message m, ByteBuf out) {
        int start = out.writerIndex();
        EnvelopeCodec.encode(m.envelope(), out);
        encodeHeader(m.header(), out);
        int bodyLengthAt = out.writerIndex();
        out.writeInt(0);
        if (m.digest() != null) {
            encodeDigest(m.digest(), out);
        }
        BodyCodec.encode(m.body(), out);
        out.setInt(bodyLengthAt, out.writerIndex() - bodyLengthAt - 4);
        writeCredential(m.credential(), out);
        out.setInt(start + 16, out.writerIndex() - start - Limits.ENVELOPE_SIZE);
    }

    private static void writeCredential(Credential c, ByteBuf out) {
        int at = out.writerIndex();
        out.writeInt(0);
        if (c != null) {
            CredentialCodec.encode(c, out);
            out.setInt(at, out.writerIndex() - at - 4);
        }
    }

    /**
     * Replaces the empty credential section at the end of an encoded message (as {@link #encode}
     * writes it) with {@code c}, fixing messageLength. Used after signing header + body (§9).
     */
    public static void replaceCredential(ByteBuf encoded, int start, Credential c) {
        encoded.writerIndex(encoded.writerIndex() - 4);
        writeCredential(c, encoded);
        encoded.setInt(start + 16, encoded.writerIndex() - start - Limits.ENVELOPE_SIZE);
    }

    /** Length of header + body of the encoded message starting at {@code start} (for digests and signatures). */
    public static int headerAndBodyLength(ByteBuf encoded, int start) {
        return Limits.HEADER_SIZE + encoded.getInt(start + Limits.ENVELOPE_SIZE + 20);
    }
}
