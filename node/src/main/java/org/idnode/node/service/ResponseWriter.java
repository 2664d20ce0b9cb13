package org.idnode.node.service;

import io.netty.buffer.ByteBuf;
import org.idnode.protocol.Limits;
import org.idnode.protocol.OpFlags;
import org.idnode.protocol.OpCodes;
import org.idnode.protocol.ResponseCodes;
import org.idnode.protocol.auth.MessageSigner;
import org.idnode.protocol.auth.SessionCipher;
import org.idnode.protocol.codec.MessageCodec;
import org.idnode.protocol.codec.Wire;
import org.idnode.protocol.model.ProtocolVersion;
import org.idnode.protocol.model.RequestDigest;

/**
 * Writes response messages straight into a buffer: envelope, header, optional request digest, then
 * the caller writes the body, then {@link #finish} fixes the lengths and signs when asked (CT).
 * This is how the hot path avoids building message objects (architecture.md).
 */
final class ResponseWriter {
    /** §16: responses expire 12 hours after they are made. */
    private static final int EXPIRATION_SECONDS = 12 * 3600;

    private final int siteSerial;
    private final ResponseSigner signer;

    ResponseWriter(int siteSerial, ResponseSigner signer) {
        this.siteSerial = siteSerial;
        this.signer = signer;
    }

    /** Writes envelope, header and digest; returns the index where the body length goes. */
    int begin(ByteBuf out, RequestContext req, int opCode, int responseCode) {
        return begin(out, req, opCode, responseCode, 0);
    }

    /** As {@link #begin(ByteBuf, RequestContext, int, int)} with {@code extraFlags} (e.g. CN on all but the last part, §8.5). */
    int begin(ByteBuf out, RequestContext req, int opCode, int responseCode, int extraFlags) {
        ProtocolVersion v = req.version();
        out.writeByte(v.major());
        out.writeByte(v.minor());
        out.writeByte(ProtocolVersion.OURS.major() & 0x03); // [CNRI] §3: we suggest our own version
        out.writeByte(ProtocolVersion.OURS.minor());
        out.writeInt(req.sessionId());
        out.writeInt(req.requestId());
        out.writeInt(0);
        out.writeInt(0); // messageLength, set in finish
        out.writeInt(opCode);
        out.writeInt(compatibleCode(v, responseCode));
        // §4, §16: copy CT, CA, ENC, PO, DNRF, RD; set AT (we are a primary) and REC (CNRI always does).
        out.writeInt((req.opFlags() & OpFlags.COPIED_TO_RESPONSE) | OpFlags.AT | OpFlags.REC | extraFlags);
        out.writeShort(siteSerial);
        out.writeByte(req.recursionCount());
        out.writeByte(0);
        out.writeInt((int) (System.currentTimeMillis() / 1000) + EXPIRATION_SECONDS);
        int bodyLengthAt = out.writerIndex();
        out.writeInt(0);
        if (req.has(OpFlags.RD) && req.headerAt() >= 0) {
            MessageCodec.encodeDigest(req.digest(), out);
        }
        return bodyLengthAt;
    }

    /**
     * Sets body and message lengths and appends the credential section: in a session an HS_MAC with
     * the session key (§15), else a signature when the request had CT (§9); session setup replies are
     * always signed with the node key. Encrypts when the session asks for it; then the returned buffer
     * is a new one and {@code out} is released.
     */
    ByteBuf finish(ByteBuf out, int start, int bodyLengthAt, RequestContext req) {
        out.setInt(bodyLengthAt, out.writerIndex() - bodyLengthAt - 4);
        out.writeInt(0);
        out.setInt(start + 16, out.writerIndex() - start - Limits.ENVELOPE_SIZE);
        boolean keyMessage = req.opCode() == OpCodes.SESSION_SETUP || req.opCode() == OpCodes.SESSION_EXCHANGEKEY;
        if (req.session() != null && !keyMessage) {
            MessageSigner.mac(out, req.session().key(), req.sessionCounter());
            if (req.encrypt()) {
                byte[] iv = new byte[SessionCipher.IV_LENGTH];
                java.util.concurrent.ThreadLocalRandom.current().nextBytes(iv); // an IV need not be secret, only fresh
                try {
                    return SessionCipher.encryptFrame(out, req.session().key(), iv, out.alloc());
                } finally {
                    out.release();
                }
            }
        } else if ((req.has(OpFlags.CT) || keyMessage) && signer != null) {
            signer.sign(out, start);
        }
        return out;
    }

    /** §8.7: RC 402 with the challenged request's opcode, RD set, the digest and the nonce; envelope sessionId = challenge id. */
    ByteBuf challenge(ByteBuf out, RequestContext req, RequestDigest digest, byte[] nonce) {
        int start = out.writerIndex();
        RequestContext noDigest = new RequestContext(req.sessionId(), req.requestId(), req.version(), req.opCode(),
                req.opFlags() & ~OpFlags.RD, req.recursionCount(), null, -1, 0, req.session(), req.sessionCounter(),
                req.encrypt());
        int at = begin(out, noDigest, req.opCode(), ResponseCodes.AUTHENTICATION_NEEDED, OpFlags.RD);
        MessageCodec.encodeDigest(digest, out);
        Wire.writeBytes(out, nonce);
        // §9 [CNRI]: a challenge is signed with the node key even in a session, never MAC'd (the
        // official client refuses a MAC'd one: "signed with MAC but no session id given").
        RequestContext signed = new RequestContext(req.sessionId(), req.requestId(), req.version(), req.opCode(),
                req.opFlags() | (req.session() != null ? OpFlags.CT : 0), req.recursionCount(), null, -1, 0);
        return finish(out, start, at, signed);
    }

    /** A whole error response (§8.6): digest if asked, then the message. */
    ByteBuf error(ByteBuf out, RequestContext req, int responseCode, String message) {
        int start = out.writerIndex();
        int at = begin(out, req, req.opCode(), responseCode);
        Wire.writeString(out, message);
        return finish(out, start, at, req);
    }

    /** §7, §20.4: peers older than 2.5 know 202 as 201 and 7 as 303. */
    private static int compatibleCode(ProtocolVersion v, int rc) {
        if (v.atLeast(2, 5)) {
            return rc;
        }
        return switch (rc) {
            case ResponseCodes.INVALID_VALUE -> ResponseCodes.VALUE_ALREADY_EXISTS;
            case ResponseCodes.SERVER_BACKUP -> ResponseCodes.PREFIX_REFERRAL;
            default -> rc;
        };
    }
}
