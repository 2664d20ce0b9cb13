package org.idnode.node.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.idnode.node.Node;
import org.idnode.node.TestNodes;
import org.idnode.node.config.AuthSettings;
import org.idnode.node.storage.StoredRecord;
import org.idnode.protocol.OpCodes;
import org.idnode.protocol.OpFlags;
import org.idnode.protocol.ResponseCodes;
import org.idnode.protocol.auth.MessageSigner;
import org.idnode.protocol.auth.PublicKeys;
import org.idnode.protocol.client.AdminClient;
import org.idnode.protocol.client.ClientIdentity;
import org.idnode.protocol.client.ClientOptions;
import org.idnode.protocol.client.ClientSession;
import org.idnode.protocol.client.HandleClient;
import org.idnode.protocol.client.Requests;
import org.idnode.protocol.client.Transport;
import org.idnode.protocol.codec.AdminRecordCodec;
import org.idnode.protocol.codec.Bytes;
import org.idnode.protocol.codec.MessageCodec;
import org.idnode.protocol.codec.ValueListCodec;
import org.idnode.protocol.message.AddValueRequest;
import org.idnode.protocol.message.CreateHandleRequest;
import org.idnode.protocol.message.DeleteHandleRequest;
import org.idnode.protocol.message.Message;
import org.idnode.protocol.message.MessageBody;
import org.idnode.protocol.message.ModifyValueRequest;
import org.idnode.protocol.message.RemoveValueRequest;
import org.idnode.protocol.message.ResolutionResponse;
import org.idnode.protocol.model.AdminRecord;
import org.idnode.protocol.model.HandleValue;
import org.idnode.protocol.model.ValueList;
import org.idnode.protocol.model.ValueReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Our own client ({@code protocol/client}) registering against a real node: challenges answered with
 * a public key and a secret key, with and without a session, every reply's signature or MAC checked
 * against the node's HS_SITE key; and the node refusing replayed counters, foreign MACs and replayed
 * answers (§14, §15). Identities as in {@link OfficialClientAdminIT}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OwnClientAdminIT {
    static final String PREFIX = "88.118.8";
    static final String PREFIX_HANDLE = "0.NA/" + PREFIX;
    static final String SECKEY_ID = PREFIX + "/ADMIN";
    static final byte[] SECRET = "s3cret-for-tests".getBytes(StandardCharsets.UTF_8);

    @TempDir
    static Path dir;
    Node node;
    KeyPair admin;
    PublicKey nodeKey;
    final HandleClient client = new HandleClient(ClientOptions.defaults().withTimeout(Duration.ofSeconds(10)));
    final ClientOptions options = ClientOptions.defaults().withTimeout(Duration.ofSeconds(10));

    @BeforeAll
    void start() throws Exception {
        KeyPairGenerator gen = KeyPairGenerator.getInstance("RSA");
        gen.initialize(2048);
        admin = gen.generateKeyPair();
        Path keyFile = dir.resolve("admpub.bin");
        Files.write(keyFile, PublicKeys.encode(admin.getPublic()));
        node = Node.start(TestNodes.config(dir.resolve("node"), PREFIX)
                .withAuth(AuthSettings.defaults().withAdminKeyFile(keyFile).withServerAdmins(List.of("300:" + PREFIX_HANDLE))));
        List<HandleValue> prefixValues = new ArrayList<>(StoredRecord.decode(node.store().get(node.keys().key(PREFIX_HANDLE))));
        prefixValues.add(HandleValue.of(200, "HS_VLIST", ValueListCodec.encode(new ValueList(List.of(new ValueReference(SECKEY_ID, 301))))));
        prefixValues.add(HandleValue.of(101, "HS_ADMIN", AdminRecordCodec.encode(
                new AdminRecord(AdminRecord.ADD_HANDLE | AdminRecord.LIST_HANDLES, PREFIX_HANDLE, 200))));
        TestNodes.put(node, PREFIX_HANDLE, prefixValues);
        TestNodes.put(node, SECKEY_ID, List.of(HandleValue.of(301, "HS_SECKEY", SECRET)));
        nodeKey = PublicKeys.decode(node.siteInfo().servers().get(0).publicKey());
    }

    @AfterAll
    void stop() {
        node.close();
    }

    ClientIdentity identity(String key) {
        return key.equals("pubkey") ? ClientIdentity.publicKey(PREFIX_HANDLE, 300, admin.getPrivate())
                : ClientIdentity.secretKey(SECKEY_ID, 301, SECRET);
    }

    static HandleValue adminValue(ClientIdentity id) {
        return HandleValue.of(100, "HS_ADMIN", AdminRecordCodec.encode(new AdminRecord(AdminRecord.HANDLE_DEFAULT, id.handle(), id.index())));
    }

    static Stream<Arguments> ways() {
        return Stream.of(Arguments.of("pubkey", false), Arguments.of("pubkey", true), Arguments.of("seckey", false),
                Arguments.of("seckey", true));
    }

    /** "index:type=text" of each value, or null when the handle is not there. */
    List<String> resolve(String handle) throws Exception {
        Message m = client.resolve(Transport.TCP, node.tcpAddress(), handle);
        if (m.header().responseCode() == ResponseCodes.HANDLE_NOT_FOUND) {
            return null;
        }
        List<String> out = new ArrayList<>();
        for (HandleValue v : assertInstanceOf(ResolutionResponse.class, m.body(), m::toString).values()) {
            out.add(v.index() + ":" + v.type() + "=" + (v.type().equals("HS_ADMIN") ? "admin" : v.dataAsText()));
        }
        return out;
    }

    /** One way of sending an admin request: a session, or a challenge per request. */
    interface Sender {
        Message send(int opCode, MessageBody body) throws Exception;
    }

    static void assertOk(Message m) {
        assertEquals(ResponseCodes.SUCCESS, m.header().responseCode(), m::toString);
    }

    @ParameterizedTest(name = "{0}, session {1}")
    @MethodSource("ways")
    void createsModifiesAndDeletesAHandle(String key, boolean inSession) throws Exception {
        ClientIdentity id = identity(key);
        String handle = PREFIX + "/OWN-" + key + "-" + inSession;
        ClientSession session = inSession ? ClientSession.open(node.tcpAddress(), id, nodeKey, options) : null;
        AdminClient oneShot = new AdminClient(client, id, nodeKey);
        Sender s = session != null ? (op, body) -> session.send(op, body, 0)
                : (op, body) -> oneShot.send(Transport.TCP, node.tcpAddress(), op, body, 0, handle);
        try {
            assertOk(s.send(OpCodes.CREATE_HANDLE, new CreateHandleRequest(handle,
                    List.of(HandleValue.text(1, "URL", "https://factory.example.com/pump/1"), adminValue(id)))));
            assertEquals(List.of("1:URL=https://factory.example.com/pump/1", "100:HS_ADMIN=admin"), resolve(handle));

            assertOk(s.send(OpCodes.ADD_VALUE, new AddValueRequest(handle, List.of(HandleValue.text(2, "DESC", "Centrifugal pump")))));
            assertOk(s.send(OpCodes.MODIFY_VALUE, new ModifyValueRequest(handle,
                    List.of(HandleValue.text(1, "URL", "https://factory.example.com/pump/2")))));
            assertEquals(List.of("1:URL=https://factory.example.com/pump/2", "100:HS_ADMIN=admin", "2:DESC=Centrifugal pump"),
                    resolve(handle));

            assertOk(s.send(OpCodes.REMOVE_VALUE, new RemoveValueRequest(handle, List.of(2))));
            assertEquals(List.of("1:URL=https://factory.example.com/pump/2", "100:HS_ADMIN=admin"), resolve(handle));

            assertOk(s.send(OpCodes.DELETE_HANDLE, new DeleteHandleRequest(handle)));
            assertEquals(null, resolve(handle));
        } finally {
            if (session != null) {
                session.close();
            }
        }
    }

    @Test
    void twoHundredPipelinedCreatesInOneSessionAllSucceed() throws Exception {
        ClientIdentity id = identity("pubkey");
        try (ClientSession session = ClientSession.open(node.tcpAddress(), id, nodeKey, options)) {
            List<CompletableFuture<Message>> replies = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                replies.add(session.submit(OpCodes.CREATE_HANDLE, new CreateHandleRequest(PREFIX + "/PIPE-" + i,
                        List.of(HandleValue.text(1, "URL", "https://a.example/" + i), adminValue(id))), 0));
            }
            for (CompletableFuture<Message> r : replies) {
                assertOk(r.get(30, TimeUnit.SECONDS));
            }
        }
        assertEquals(List.of("1:URL=https://a.example/199", "100:HS_ADMIN=admin"), resolve(PREFIX + "/PIPE-199"));
    }

    /** A request in {@code sessionId} MAC'd with {@code key} and {@code counter}, as envelope + message. */
    static byte[] macd(int sessionId, byte[] key, int counter, int opCode, MessageBody body) {
        ByteBuf buf = Unpooled.buffer();
        MessageCodec.encode(Requests.request(sessionId, Requests.newRequestId(), opCode, body, OpFlags.CLIENT_DEFAULT), buf);
        MessageSigner.mac(buf, key, counter);
        return Bytes.toArray(buf);
    }

    /** Opens a session and authenticates it with a first create (its challenge answered). */
    ClientSession authenticatedSession(String first) throws Exception {
        ClientIdentity id = identity("pubkey");
        ClientSession s = ClientSession.open(node.tcpAddress(), id, nodeKey, options);
        assertOk(s.send(OpCodes.CREATE_HANDLE, new CreateHandleRequest(first, List.of(adminValue(id))), 0));
        return s;
    }

    @Test
    void aReplayedCounterGetsRc505() throws Exception {
        try (ClientSession s = authenticatedSession(PREFIX + "/REPLAY-FIRST")) {
            String handle = PREFIX + "/REPLAY";
            byte[] frame = macd(s.sessionId(), s.sessionKey(), 1_000, OpCodes.CREATE_HANDLE,
                    new CreateHandleRequest(handle, List.of(HandleValue.text(1, "URL", "https://a.example/"), adminValue(identity("pubkey")))));
            assertOk(client.exchange(Transport.TCP, node.tcpAddress(), frame, handle).message());
            TestNodes.put(node, handle, List.of(HandleValue.text(1, "URL", "https://changed.example/")));

            Message replay = client.exchange(Transport.TCP, node.tcpAddress(), frame, handle).message();

            assertEquals(ResponseCodes.SESSION_MESSAGE_REJECTED, replay.header().responseCode(), replay::toString);
            assertEquals(List.of("1:URL=https://changed.example/"), resolve(handle));
        }
    }

    @Test
    void aRequestMacdWithAnotherSessionsKeyGetsRc502() throws Exception {
        try (ClientSession a = authenticatedSession(PREFIX + "/FOREIGN-A");
             ClientSession b = authenticatedSession(PREFIX + "/FOREIGN-B")) {
            String handle = PREFIX + "/FOREIGN";
            byte[] frame = macd(a.sessionId(), b.sessionKey(), 1_000, OpCodes.CREATE_HANDLE,
                    new CreateHandleRequest(handle, List.of(HandleValue.text(1, "URL", "https://evil.example/"))));

            Message reply = client.exchange(Transport.TCP, node.tcpAddress(), frame, handle).message();

            assertEquals(ResponseCodes.INVALID_SESSION_KEY, reply.header().responseCode(), reply::toString);
            assertEquals(null, resolve(handle));
        }
    }

    @Test
    void aReplayedChallengeAnswerGetsRc405AndChangesNothing() throws Exception {
        ClientIdentity id = identity("seckey");
        String handle = PREFIX + "/ANSWERED-ONCE";
        byte[] request = Requests.encode(Requests.request(Requests.newRequestId(), OpCodes.CREATE_HANDLE,
                new CreateHandleRequest(handle, List.of(HandleValue.text(1, "URL", "https://a.example/"), adminValue(id))),
                OpFlags.CLIENT_DEFAULT));
        Message challenge = client.exchange(Transport.TCP, node.tcpAddress(), request, handle).message();
        assertEquals(ResponseCodes.AUTHENTICATION_NEEDED, challenge.header().responseCode(), challenge::toString);
        byte[] answer = Requests.encode(Requests.challengeAnswer(challenge.envelope().sessionId(), Requests.newRequestId(),
                id.answer(challenge, request), OpFlags.CLIENT_DEFAULT));
        assertOk(client.exchange(Transport.TCP, node.tcpAddress(), answer, handle).message());
        assertOk(new AdminClient(client, id, nodeKey).send(Transport.TCP, node.tcpAddress(), OpCodes.DELETE_HANDLE,
                new DeleteHandleRequest(handle), 0, handle));

        Message replay = client.exchange(Transport.TCP, node.tcpAddress(), answer, handle).message();

        assertEquals(ResponseCodes.AUTHEN_TIMEOUT, replay.header().responseCode(), replay::toString);
        assertEquals(null, resolve(handle));
    }
}
