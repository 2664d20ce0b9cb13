package org.idnode.node.service;

import io.netty.buffer.ByteBuf;
import org.idnode.node.auth.Session;
import org.idnode.protocol.OpFlags;
import org.idnode.protocol.auth.RequestDigests;
import org.idnode.protocol.model.Envelope;
import org.idnode.protocol.model.ProtocolVersion;
import org.idnode.protocol.model.RequestDigest;

/**
 * What a response needs to know of its request: ids, version, flags, where the request's header +
 * body sit in the received frame (for the RD digest, §8.1), and the session it is answered in (its
 * replies are MAC'd with the session key and, when asked, encrypted; §15).
 *
 * @param opCode  the opcode the response carries (0 when the header could not be read; after a
 *                challenge, the challenged request's, §8.7)
 * @param opFlags the request's op flags (0 when unreadable)
 * @param frame   the received frame; valid only while the request is being answered
 * @param headerAt index of the header in {@code frame}, or -1 when unreadable
 * @param headerAndBodyLength octets of header + body, or 0 when unreadable
 * @param session the session the reply is MAC'd in, or null
 * @param sessionCounter the request's session counter, echoed in the reply's MAC
 * @param encrypt whether the reply is encrypted with the session key (EC)
 */
record RequestContext(int sessionId, int requestId, ProtocolVersion version, int opCode, int opFlags,
                      int recursionCount, ByteBuf frame, int headerAt, int headerAndBodyLength,
                      Session session, int sessionCounter, boolean encrypt) {

    RequestContext(int sessionId, int requestId, ProtocolVersion version, int opCode, int opFlags, int recursionCount,
                   ByteBuf frame, int headerAt, int headerAndBodyLength) {
        this(sessionId, requestId, version, opCode, opFlags, recursionCount, frame, headerAt, headerAndBodyLength,
                null, 0, false);
    }

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
        return RequestDigests.ofMessage(RequestDigests.hashTypeFor(version), frame.slice(headerAt, headerAndBodyLength));
    }

    RequestContext withSessionId(int id) {
        return new RequestContext(id, requestId, version, opCode, opFlags, recursionCount, frame, headerAt,
                headerAndBodyLength, session, sessionCounter, encrypt);
    }

    RequestContext withOpCode(int op) {
        return new RequestContext(sessionId, requestId, version, op, opFlags, recursionCount, frame, headerAt,
                headerAndBodyLength, session, sessionCounter, encrypt);
    }

    RequestContext inSession(Session s, int counter, boolean encryptReply) {
        return new RequestContext(sessionId, requestId, version, opCode, opFlags, recursionCount, frame, headerAt,
                headerAndBodyLength, s, counter, encryptReply);
    }
}
