package org.idnode.node.service;

import io.netty.buffer.ByteBuf;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.idnode.protocol.OpFlags;
import org.idnode.protocol.model.Envelope;
import org.idnode.protocol.model.ProtocolVersion;
import org.idnode.protocol.model.RequestDigest;

/**
 * What a response needs to know of its request: ids, version, flags, and where the request's
 * header + body sit in the received frame (for the RD digest, §8.1).
 *
 * @param opCode  the request's opcode (0 when the header could not be read)
 * @param opFlags the request's op flags (0 when unreadable)
 * @param frame   the received frame; valid only while the request is being processed
 * @param headerAt index of the header in {@code frame}, or -1 when unreadable
 * @param headerAndBodyLength octets of header + body, or 0 when unreadable
 */
record RequestContext(int sessionId, int requestId, ProtocolVersion version, int opCode, int opFlags,
                      int recursionCount, ByteBuf frame, int headerAt, int headerAndBodyLength) {

    /** §16: the response's version is min(request's suggested version, ours). */
    static ProtocolVersion responseVersion(Envelope e) {
        ProtocolVersion suggested = new ProtocolVersion(e.suggestedMajor(), e.effectiveSuggestedMinor());
        if (suggested.major() != 2) {
            return new ProtocolVersion(2, suggested.major() == 5 ? 0 : ProtocolVersion.OURS.minor());
        }
        return ProtocolVersion.min(suggested, ProtocolVersion.OURS);
    }

    boolean has(int flag) {
        return OpFlags.has(opFlags, flag);
    }

    /** §8.1: SHA-256 for peers >= 2.7, SHA-1 for older ones, over the request's header + body. */
    RequestDigest digest() {
        boolean sha256 = version.atLeast(2, 7);
        try {
            MessageDigest md = MessageDigest.getInstance(sha256 ? "SHA-256" : "SHA-1");
            md.update(frame.nioBuffer(headerAt, headerAndBodyLength));
            return new RequestDigest(sha256 ? RequestDigest.SHA256 : RequestDigest.SHA1, md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
