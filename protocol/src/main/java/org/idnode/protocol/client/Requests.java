package org.idnode.protocol.client;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.concurrent.ThreadLocalRandom;
import org.idnode.protocol.OpCodes;
import org.idnode.protocol.codec.Bytes;
import org.idnode.protocol.codec.MessageCodec;
import org.idnode.protocol.message.ChallengeAnswerRequest;
import org.idnode.protocol.message.Message;
import org.idnode.protocol.message.MessageBody;
import org.idnode.protocol.message.ResolutionRequest;
import org.idnode.protocol.model.Envelope;
import org.idnode.protocol.model.Header;
import org.idnode.protocol.model.ProtocolVersion;

/** Request messages built the way the stock client builds them (§3, §4, §16). */
public final class Requests {
    /** CNRI clients stamp requests "now + 12 h"; servers do not check it (§16). */
    static final int EXPIRATION_SECONDS = 12 * 3600;
    /** §4: serial -1 = "I don't know your site info". */
    static final int UNKNOWN_SERIAL = -1;

    private Requests() {
    }

    /** A random positive request id, as CNRI clients choose them (§3). */
    public static int newRequestId() {
        return ThreadLocalRandom.current().nextInt(1, Integer.MAX_VALUE);
    }

    public static Message resolution(int requestId, ResolutionRequest body, int opFlags) {
        return request(requestId, OpCodes.RESOLUTION, body, opFlags);
    }

    public static Message request(int requestId, int opCode, MessageBody body, int opFlags) {
        return request(0, requestId, opCode, body, opFlags);
    }

    /** A request in session {@code sessionId} (§15), or about challenge {@code sessionId} (OC 200, §8.7). */
    public static Message request(int sessionId, int requestId, int opCode, MessageBody body, int opFlags) {
        int now = (int) (System.currentTimeMillis() / 1000);
        Envelope env = Envelope.of(ProtocolVersion.OURS, ProtocolVersion.OURS, sessionId, requestId);
        Header header = new Header(opCode, 0, opFlags, UNKNOWN_SERIAL, 0, now + EXPIRATION_SECONDS);
        return new Message(env, header, null, body, null);
    }

    /**
     * OC 200 (§8.7): the answer to challenge {@code challengeId} (the challenge's envelope sessionId),
     * under a new request id; the server answers it with the reply to the challenged request.
     */
    public static Message challengeAnswer(int challengeId, int requestId, ChallengeAnswerRequest answer, int opFlags) {
        return request(challengeId, requestId, OpCodes.CHALLENGE_RESPONSE, answer, opFlags);
    }

    /** Envelope + message as sent on TCP or in an HTTP body. */
    public static byte[] encode(Message m) {
        ByteBuf out = Unpooled.buffer(256);
        MessageCodec.encode(m, out);
        return Bytes.toArray(out);
    }
}
