package org.idnode.protocol.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.DataInputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.crypto.interfaces.DHPrivateKey;
import org.idnode.protocol.Limits;
import org.idnode.protocol.OpCodes;
import org.idnode.protocol.ProtocolException;
import org.idnode.protocol.ResponseCodes;
import org.idnode.protocol.auth.MessageSigner;
import org.idnode.protocol.auth.PublicKeys;
import org.idnode.protocol.auth.SessionCipher;
import org.idnode.protocol.codec.Bytes;
import org.idnode.protocol.codec.MessageCodec;
import org.idnode.protocol.codec.PublicKeyCodec;
import org.idnode.protocol.message.Message;
import org.idnode.protocol.message.ResolutionRequest;
import org.idnode.protocol.message.ResolutionResponse;
import org.idnode.protocol.message.SessionSetupRequest;
import org.idnode.protocol.message.SessionSetupResponse;
import org.idnode.protocol.model.Envelope;
import org.idnode.protocol.model.Header;
import org.idnode.protocol.model.PublicKeyData;
import org.idnode.protocol.model.ProtocolVersion;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link ClientSession} against a stub server that does mode 4 setup (§15) and answers as the test says. */
class ClientSessionTest {
    static final int SESSION_ID = 77;

    ExecutorService stub;
    ServerSocket listener;
    final ClientOptions options = ClientOptions.defaults().withTimeout(Duration.ofSeconds(10));

    @BeforeEach
    void listen() throws Exception {
        stub = Executors.newSingleThreadExecutor();
        listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
    }

    @AfterEach
    void stop() throws Exception {
        listener.close();
        stub.shutdownNow();
        assertTrue(stub.awaitTermination(10, TimeUnit.SECONDS));
    }

    InetSocketAddress address() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), listener.getLocalPort());
    }

    static byte[] readFrame(DataInputStream in) throws Exception {
        byte[] env = new byte[Limits.ENVELOPE_SIZE];
        in.readFully(env);
        int length = Unpooled.wrappedBuffer(env).getInt(16);
        byte[] frame = new byte[Limits.ENVELOPE_SIZE + length];
        System.arraycopy(env, 0, frame, 0, env.length);
        in.readFully(frame, Limits.ENVELOPE_SIZE, length);
        return frame;
    }

    /** The server side of setup: a key pair on the client's group, the reply with our key; returns the session key. */
    static byte[] setUp(DataInputStream in, OutputStream out) throws Exception {
        Message setup = StubServers.request(readFrame(in));
        PublicKeyData.Dh client = (PublicKeyData.Dh) PublicKeyCodec.decode(((SessionSetupRequest) setup.body()).publicKey());
        KeyPair ours = SessionCipher.dhKeyPair(client.p(), client.g(), new SecureRandom());
        byte[] data = new SessionCipher.DhSetupData(SessionCipher.ALG_AES, (PublicKeyData.Dh) PublicKeys.fromJava(ours.getPublic())).encode();
        Envelope env = Envelope.of(ProtocolVersion.OURS, ProtocolVersion.OURS, SESSION_ID, setup.envelope().requestId());
        Header h = new Header(OpCodes.SESSION_SETUP, ResponseCodes.SUCCESS, 0, 1, 0, 0);
        out.write(Requests.encode(new Message(env, h, null, new SessionSetupResponse(4, data), null)));
        out.flush();
        return SessionCipher.dhSessionKey((DHPrivateKey) ours.getPrivate(), client);
    }

    /** A resolution reply to {@code request}, MAC'd with {@code key} and the request's counter. */
    static byte[] reply(Message request, byte[] key) {
        String handle = ((ResolutionRequest) request.body()).handle();
        Envelope env = Envelope.of(ProtocolVersion.OURS, ProtocolVersion.OURS, SESSION_ID, request.envelope().requestId());
        Header h = new Header(OpCodes.RESOLUTION, ResponseCodes.SUCCESS, 0, 1, 0, 0);
        ByteBuf buf = Unpooled.buffer();
        MessageCodec.encode(new Message(env, h, null, new ResolutionResponse(handle, List.of()), null), buf);
        MessageSigner.mac(buf, key, request.credential().signerIndex());
        return Bytes.toArray(buf);
    }

    @Test
    void pipelinedRequestsCarryIncreasingCountersAndRepliesInAnyOrderCompleteTheirOwnRequest() throws Exception {
        Future<List<Integer>> counters = stub.submit(() -> {
            try (Socket s = listener.accept()) {
                DataInputStream in = new DataInputStream(s.getInputStream());
                byte[] key = setUp(in, s.getOutputStream());
                List<byte[]> frames = new ArrayList<>();
                for (int i = 0; i < 3; i++) {
                    frames.add(readFrame(in));
                }
                List<Integer> seen = new ArrayList<>();
                for (byte[] f : frames) {
                    Message m = StubServers.request(f);
                    assertTrue(MessageSigner.verifyMac(Unpooled.wrappedBuffer(f), m.credential(), key));
                    assertEquals(SESSION_ID, m.envelope().sessionId());
                    seen.add(m.credential().signerIndex());
                }
                for (int i = frames.size() - 1; i >= 0; i--) {
                    s.getOutputStream().write(reply(StubServers.request(frames.get(i)), key));
                }
                s.getOutputStream().flush();
                return seen;
            }
        });
        try (ClientSession session = ClientSession.open(address(), null, null, options)) {
            List<CompletableFuture<Message>> replies = new ArrayList<>();
            for (String h : List.of("88.118.8/A", "88.118.8/B", "88.118.8/C")) {
                replies.add(session.submit(OpCodes.RESOLUTION, ResolutionRequest.all(h), 0));
            }

            assertEquals(List.of(1, 2, 3), counters.get(10, TimeUnit.SECONDS));
            List<String> answered = new ArrayList<>();
            for (CompletableFuture<Message> r : replies) {
                answered.add(((ResolutionResponse) r.get(10, TimeUnit.SECONDS).body()).handle());
            }
            assertEquals(List.of("88.118.8/A", "88.118.8/B", "88.118.8/C"), answered);
        }
    }

    @Test
    void aReplyMacdWithAnotherKeyFailsItsRequestWithInvalidCredential() throws Exception {
        stub.submit(() -> {
            try (Socket s = listener.accept()) {
                DataInputStream in = new DataInputStream(s.getInputStream());
                setUp(in, s.getOutputStream());
                byte[] otherKey = new byte[SessionCipher.SESSION_KEY_LENGTH];
                new SecureRandom().nextBytes(otherKey);
                s.getOutputStream().write(reply(StubServers.request(readFrame(in)), otherKey));
                s.getOutputStream().flush();
                in.read(); // hold the connection until the client closes it
            }
            return null;
        });
        try (ClientSession session = ClientSession.open(address(), null, null, options)) {
            CompletableFuture<Message> r = session.submit(OpCodes.RESOLUTION, ResolutionRequest.all("88.118.8/A"), 0);

            ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                    () -> r.get(10, TimeUnit.SECONDS));
            assertEquals(ResponseCodes.INVALID_CREDENTIAL, assertInstanceOf(ProtocolException.class, e.getCause()).responseCode());
        }
    }
}
