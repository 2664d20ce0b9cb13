package org.idnode.node.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.util.List;
import org.idnode.node.Node;
import org.idnode.node.TestNodes;
import org.idnode.node.config.AuthSettings;
import org.idnode.protocol.OpCodes;
import org.idnode.protocol.OpFlags;
import org.idnode.protocol.ResponseCodes;
import org.idnode.protocol.auth.ChallengeAnswers;
import org.idnode.protocol.auth.MessageSigner;
import org.idnode.protocol.auth.PublicKeys;
import org.idnode.protocol.client.HandleClient;
import org.idnode.protocol.client.Requests;
import org.idnode.protocol.client.Transport;
import org.idnode.protocol.codec.MessageCodec;
import org.idnode.protocol.message.ChallengeAnswerRequest;
import org.idnode.protocol.message.ChallengeResponse;
import org.idnode.protocol.message.CreateHandleRequest;
import org.idnode.protocol.message.Message;
import org.idnode.protocol.message.VerifyAuthRequest;
import org.idnode.protocol.message.VerifyAuthResponse;
import org.idnode.protocol.model.HandleValue;
import org.idnode.protocol.model.ProtocolVersion;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Authentication failures on the wire, with requests built by our codecs: a replayed challenge
 * answer, an unknown auth type, a request in a session the node does not know, a MAC that does not
 * match, and OC 201 verification of HS_SECKEY answers for a third party. Each refusal changes nothing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthRefusalsIT {
    static final String PREFIX = "88.118.8";
    static final String ADMIN = "0.NA/" + PREFIX;
    static final byte[] SECRET = "verify-me".getBytes(StandardCharsets.UTF_8);

    @TempDir
    static Path dir;
    Node node;
    KeyPair admin;
    InetSocketAddress tcp;
    final HandleClient client = new HandleClient();

    @BeforeAll
    void start() throws Exception {
        KeyPairGenerator gen = KeyPairGenerator.getInstance("RSA");
        gen.initialize(2048);
        admin = gen.generateKeyPair();
        Path keyFile = dir.resolve("admpub.bin");
        Files.write(keyFile, PublicKeys.encode(admin.getPublic()));
        node = Node.start(TestNodes.config(dir.resolve("node"), PREFIX)
                .withAuth(AuthSettings.defaults().withAdminKeyFile(keyFile)));
        TestNodes.put(node, PREFIX + "/SECRET-ID", List.of(HandleValue.of(301, "HS_SECKEY", SECRET)));
        tcp = node.tcpAddress();
    }

    @AfterAll
    void stop() {
        node.close();
    }

    Message create(String handle) {
        return Requests.request(Requests.newRequestId(), OpCodes.CREATE_HANDLE,
                new CreateHandleRequest(handle, List.of(HandleValue.text(1, "URL", "https://x/"))), OpFlags.RD);
    }

    Message answer(int challengeId, Message challenge, String authType) {
        byte[] nonce = ((ChallengeResponse) challenge.body()).nonce();
        byte[] response = ChallengeAnswers.pubkeyAnswer(admin.getPrivate(), nonce, challenge.digest().digest(), ProtocolVersion.OURS);
        Message m = Requests.request(Requests.newRequestId(), OpCodes.CHALLENGE_RESPONSE,
                new ChallengeAnswerRequest(authType, ADMIN, 300, response), OpFlags.RD);
        return m.withEnvelope(m.envelope().withSessionId(challengeId));
    }

    boolean stored(String handle) {
        return node.store().get(node.keys().key(handle)) != null;
    }

    @Test
    void anAnswerIsGoodOnceAndItsReplayIsRefusedAsTimedOut() throws Exception {
        Message challenge = client.send(Transport.TCP, tcp, create(PREFIX + "/ONCE"), "/");
        assertEquals(ResponseCodes.AUTHENTICATION_NEEDED, challenge.header().responseCode());
        Message answer = answer(challenge.envelope().sessionId(), challenge, ChallengeAnswerRequest.HS_PUBKEY);
        assertEquals(ResponseCodes.SUCCESS, client.send(Transport.TCP, tcp, answer, "/").header().responseCode());
        Message replay = client.send(Transport.TCP, tcp, answer.withEnvelope(answer.envelope()), "/");
        assertEquals(ResponseCodes.AUTHEN_TIMEOUT, replay.header().responseCode());
        assertTrue(stored(PREFIX + "/ONCE"));
    }

    @Test
    void anAnswerOfAnUnknownAuthTypeIsAnInvalidCredential() throws Exception {
        Message challenge = client.send(Transport.TCP, tcp, create(PREFIX + "/ODD"), "/");
        Message reply = client.send(Transport.TCP, tcp,
                answer(challenge.envelope().sessionId(), challenge, "HS_SOMETHING"), "/");
        assertEquals(ResponseCodes.INVALID_CREDENTIAL, reply.header().responseCode());
        assertTrue(!stored(PREFIX + "/ODD"));
    }

    @Test
    void aRequestInASessionTheNodeDoesNotKnowIsASessionTimeout() throws Exception {
        Message m = create(PREFIX + "/NOSESSION");
        m = m.withEnvelope(m.envelope().withSessionId(424242));
        io.netty.buffer.ByteBuf encoded = MessageCodec.encode(m, io.netty.buffer.Unpooled.buffer().alloc());
        MessageSigner.mac(encoded, new byte[32], 1);
        Message decoded = MessageCodec.decode(encoded);
        Message reply = client.send(Transport.TCP, tcp, decoded, "/");
        assertEquals(ResponseCodes.SESSION_TIMEOUT, reply.header().responseCode());
        assertTrue(!stored(PREFIX + "/NOSESSION"));
    }

    @Test
    void verifyChallengeSaysWhetherAnHsSeckeyAnswerWasMadeWithTheSecret() throws Exception {
        byte[] nonce = new byte[16];
        byte[] digest = new byte[32];
        new SecureRandom().nextBytes(digest);
        byte[] good = ChallengeAnswers.seckeyAnswer(SECRET, nonce, digest, new SecureRandom());
        byte[] bad = ChallengeAnswers.seckeyAnswer("guess".getBytes(StandardCharsets.UTF_8), nonce, digest, new SecureRandom());
        for (boolean valid : new boolean[] {true, false}) {
            Message m = Requests.request(Requests.newRequestId(), OpCodes.VERIFY_RESPONSE,
                    new VerifyAuthRequest(PREFIX + "/SECRET-ID", 301, nonce, digest, valid ? good : bad), OpFlags.RD | OpFlags.CT);
            Message reply = client.send(Transport.TCP, tcp, m, "/");
            assertEquals(ResponseCodes.SUCCESS, reply.header().responseCode());
            assertEquals(valid, assertInstanceOf(VerifyAuthResponse.class, reply.body()).valid());
        }
    }

    @Test
    void withoutAnyAdministratorGrantAKnownIdentityIsRefusedAsNotAnAdmin() throws Exception {
        // 301:88.118.8/SECRET-ID is a real identity, but no HS_ADMIN names it.
        Message challenge = client.send(Transport.TCP, tcp, create(PREFIX + "/NOTADMIN"), "/");
        byte[] nonce = ((ChallengeResponse) challenge.body()).nonce();
        byte[] response = ChallengeAnswers.seckeyAnswer(SECRET, nonce, challenge.digest().digest(), new SecureRandom());
        Message a = Requests.request(Requests.newRequestId(), OpCodes.CHALLENGE_RESPONSE,
                new ChallengeAnswerRequest(ChallengeAnswerRequest.HS_SECKEY, PREFIX + "/SECRET-ID", 301, response), 0);
        a = a.withEnvelope(a.envelope().withSessionId(challenge.envelope().sessionId()));
        Message reply = client.send(Transport.TCP, tcp, a, "/");
        assertEquals(ResponseCodes.INVALID_ADMIN, reply.header().responseCode());
        assertNull(node.store().get(node.keys().key(PREFIX + "/NOTADMIN")));
    }

    @Test
    void everyFormOfSecretKeyAnswerIsAccepted() throws Exception {
        for (int code : new int[] {ChallengeAnswers.SECKEY_SHA1, ChallengeAnswers.SECKEY_MD5, ChallengeAnswers.SECKEY_HMAC_SHA1,
                ChallengeAnswers.SECKEY_HMAC_SHA256}) {
            // 301:88.118.8/SECRET-ID may not create (no HS_ADMIN names it): past the answer check, RC 400, not 403.
            Message challenge = client.send(Transport.TCP, tcp, create(PREFIX + "/FORM-" + code), "/");
            byte[] nonce = ((ChallengeResponse) challenge.body()).nonce();
            byte[] response = ChallengeAnswers.seckeyAnswer(code, SECRET, nonce, challenge.digest().digest());
            Message a = Requests.request(Requests.newRequestId(), OpCodes.CHALLENGE_RESPONSE,
                    new ChallengeAnswerRequest(ChallengeAnswerRequest.HS_SECKEY, PREFIX + "/SECRET-ID", 301, response), 0);
            a = a.withEnvelope(a.envelope().withSessionId(challenge.envelope().sessionId()));
            assertEquals(ResponseCodes.INVALID_ADMIN, client.send(Transport.TCP, tcp, a, "/").header().responseCode(),
                    "answer form " + code);
        }
    }
}
