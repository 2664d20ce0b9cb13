package org.idnode.protocol.client;

import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import org.idnode.protocol.OpFlags;
import org.idnode.protocol.ProtocolException;
import org.idnode.protocol.ResponseCodes;
import org.idnode.protocol.codec.MessageCodec;
import org.idnode.protocol.message.ChallengeAnswerRequest;
import org.idnode.protocol.message.Message;
import org.idnode.protocol.message.MessageBody;

/**
 * Administration without a session (§14): sends a request; on RC 402 answers the challenge as
 * {@link ClientIdentity} (OC 200 on the challenge id, a new request id, a new connection as the CNRI
 * server expects) and returns the reply to that answer, which is the reply to the request. With the
 * server's key (its HS_SITE entry's), requests carry CT and every reply must be signed with it.
 * Stateless apart from its settings; each exchange uses its own connections.
 */
public final class AdminClient {
    private final HandleClient client;
    private final ClientIdentity identity;
    private final PublicKey serverKey;

    /** The most messages a listing may come in: 50 names each (§8.5), so up to 5 million names. */
    public static final int MAX_LISTING_MESSAGES = 100_000;

    /**
     * @param identity  who answers challenges; null to send anonymously (a challenge is then the reply)
     * @param serverKey the key replies must be signed with, or null to accept unsigned replies
     */
    public AdminClient(HandleClient client, ClientIdentity identity, PublicKey serverKey) {
        this.client = client;
        this.identity = identity;
        this.serverKey = serverKey;
    }

    public ClientIdentity identity() {
        return identity;
    }

    /** Sends {@code body} as opcode {@code opCode} with the client's op flags plus {@code extraFlags} (e.g. OVRW, MINT). */
    public Message send(Transport via, InetSocketAddress server, int opCode, MessageBody body, int extraFlags,
                        String pathHandle) throws IOException {
        return send(via, server, Requests.request(Requests.newRequestId(), opCode, body, flags(extraFlags)), pathHandle);
    }

    /** Sends {@code request} and answers its challenge, if any, once; returns the final reply. */
    public Message send(Transport via, InetSocketAddress server, Message request, String pathHandle) throws IOException {
        request = signable(request);
        byte[] encoded = Requests.encode(request);
        Message reply = exchange(via, server, encoded, pathHandle);
        if (reply.header().responseCode() != ResponseCodes.AUTHENTICATION_NEEDED || identity == null) {
            return reply;
        }
        return exchange(via, server, answerTo(reply, encoded, request), pathHandle);
    }

    /**
     * A request whose reply may come in several messages (list handles, list prefixes; §8.5), over
     * TCP: every message of the final reply, the challenge answered on the way.
     */
    public List<Message> sendListing(InetSocketAddress server, Message request) throws IOException {
        request = signable(request);
        byte[] encoded = Requests.encode(request);
        List<Message> replies = exchangeAll(server, encoded);
        Message first = replies.get(0);
        if (first.header().responseCode() != ResponseCodes.AUTHENTICATION_NEEDED || identity == null) {
            return replies;
        }
        return exchangeAll(server, answerTo(first, encoded, request));
    }

    private byte[] answerTo(Message challenge, byte[] encoded, Message request) {
        ChallengeAnswerRequest answer = identity.answer(challenge, encoded);
        return Requests.encode(Requests.challengeAnswer(challenge.envelope().sessionId(), Requests.newRequestId(), answer,
                client.options().opFlags() | (request.header().opFlags() & OpFlags.CT)));
    }

    private List<Message> exchangeAll(InetSocketAddress server, byte[] encoded) throws IOException {
        int requestId = Unpooled.wrappedBuffer(encoded).getInt(8);
        List<Message> out = new ArrayList<>();
        for (byte[] frame : StreamExchange.tcpContinued(server, encoded, Deadline.after(client.options().timeout()),
                MAX_LISTING_MESSAGES)) {
            Message m = MessageCodec.decode(Unpooled.wrappedBuffer(frame));
            if (m.envelope().requestId() != requestId && m.envelope().requestId() != -1) {
                throw ProtocolException.malformed("reply requestId", m.envelope().requestId(), String.valueOf(requestId));
            }
            if (serverKey != null) {
                ReplySignatures.requireSigned(frame, m, serverKey);
            }
            out.add(m);
        }
        return out;
    }

    /** Only a CT request gets a signed reply (§9): with a server key to check, requests carry CT. */
    private Message signable(Message request) {
        if (serverKey == null || request.header().has(OpFlags.CT)) {
            return request;
        }
        return new Message(request.envelope(), request.header().withOpFlags(request.header().opFlags() | OpFlags.CT),
                request.digest(), request.body(), request.credential());
    }

    private Message exchange(Transport via, InetSocketAddress server, byte[] encoded, String pathHandle) throws IOException {
        HandleClient.Received r = client.exchange(via, server, encoded, pathHandle);
        if (serverKey != null) {
            ReplySignatures.requireSigned(r.frame(), r.message(), serverKey);
        }
        return r.message();
    }

    private int flags(int extraFlags) {
        return client.options().opFlags() | extraFlags | (serverKey != null ? OpFlags.CT : 0);
    }
}
