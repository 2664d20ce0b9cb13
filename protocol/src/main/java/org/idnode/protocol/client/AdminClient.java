package org.idnode.protocol.client;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.security.PublicKey;
import org.idnode.protocol.OpFlags;
import org.idnode.protocol.ResponseCodes;
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

    /** @param serverKey the key replies must be signed with, or null to accept unsigned replies */
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
        if (serverKey != null && !request.header().has(OpFlags.CT)) {
            // Only a CT request gets a signed reply (§9); without it there is nothing to check.
            request = new Message(request.envelope(), request.header().withOpFlags(request.header().opFlags() | OpFlags.CT),
                    request.digest(), request.body(), request.credential());
        }
        byte[] encoded = Requests.encode(request);
        Message reply = exchange(via, server, encoded, pathHandle);
        if (reply.header().responseCode() != ResponseCodes.AUTHENTICATION_NEEDED) {
            return reply;
        }
        ChallengeAnswerRequest answer = identity.answer(reply, encoded);
        Message answerMessage = Requests.challengeAnswer(reply.envelope().sessionId(), Requests.newRequestId(), answer,
                client.options().opFlags() | (request.header().opFlags() & OpFlags.CT));
        return exchange(via, server, Requests.encode(answerMessage), pathHandle);
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
