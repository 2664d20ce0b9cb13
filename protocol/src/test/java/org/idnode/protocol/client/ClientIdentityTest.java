package org.idnode.protocol.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.List;
import org.idnode.protocol.OpCodes;
import org.idnode.protocol.OpFlags;
import org.idnode.protocol.ProtocolException;
import org.idnode.protocol.ResponseCodes;
import org.idnode.protocol.auth.ChallengeAnswers;
import org.idnode.protocol.auth.RequestDigests;
import org.idnode.protocol.message.ChallengeAnswerRequest;
import org.idnode.protocol.message.ChallengeResponse;
import org.idnode.protocol.message.CreateHandleRequest;
import org.idnode.protocol.message.DeleteHandleRequest;
import org.idnode.protocol.message.Message;
import org.idnode.protocol.model.Envelope;
import org.idnode.protocol.model.HandleValue;
import org.idnode.protocol.model.Header;
import org.idnode.protocol.model.ProtocolVersion;
import org.idnode.protocol.model.RequestDigest;
import org.junit.jupiter.api.Test;

/** Answers to challenges (§14) as the server's verifiers check them, and the digest check before signing. */
class ClientIdentityTest {
    static final byte[] NONCE = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    static byte[] createRequest() {
        return Requests.encode(Requests.request(7, OpCodes.CREATE_HANDLE,
                new CreateHandleRequest("88.118.8/A", List.of(HandleValue.text(1, "URL", "https://a.example/"))),
                OpFlags.CLIENT_DEFAULT));
    }

    static Message challengeFor(byte[] request) {
        RequestDigest d = RequestDigests.of(RequestDigest.SHA256, Unpooled.wrappedBuffer(request));
        Envelope env = Envelope.of(ProtocolVersion.OURS, ProtocolVersion.OURS, 42, 7);
        Header h = new Header(OpCodes.CREATE_HANDLE, ResponseCodes.AUTHENTICATION_NEEDED, OpFlags.RD, 1, 0, 0);
        return new Message(env, h, d, new ChallengeResponse(NONCE), null);
    }

    @Test
    void aPublicKeyIdentityAnswersWithASignatureTheIdentitysPublicKeyVerifies() throws Exception {
        KeyPairGenerator gen = KeyPairGenerator.getInstance("RSA");
        gen.initialize(2048);
        KeyPair kp = gen.generateKeyPair();
        byte[] request = createRequest();
        Message challenge = challengeFor(request);

        ChallengeAnswerRequest a = ClientIdentity.publicKey("0.NA/88.118.8", 300, kp.getPrivate()).answer(challenge, request);

        assertEquals(List.of("HS_PUBKEY", "0.NA/88.118.8", 300), List.of(a.authType(), a.identityHandle(), a.identityIndex()));
        assertTrue(ChallengeAnswers.verifyPubkeyAnswer(a.response(), kp.getPublic(), NONCE, challenge.digest().digest()));
    }

    @Test
    void aSecretKeyIdentityAnswersInThePbkdf2FormTheSecretVerifies() {
        byte[] secret = "s3cret".getBytes(StandardCharsets.UTF_8);
        byte[] request = createRequest();
        Message challenge = challengeFor(request);

        ChallengeAnswerRequest a = ClientIdentity.secretKey("88.118.8/ADMIN", 301, secret).answer(challenge, request);

        assertEquals(ChallengeAnswers.SECKEY_PBKDF2_HMAC_SHA1, ChallengeAnswers.parseSeckeyAnswer(a.response()).code());
        assertTrue(ChallengeAnswers.verifySeckeyAnswer(a.response(), secret, NONCE, challenge.digest().digest()));
    }

    @Test
    void aChallengeCarryingTheDigestOfAnotherRequestIsNotAnswered() {
        byte[] other = Requests.encode(Requests.request(7, OpCodes.DELETE_HANDLE, new DeleteHandleRequest("88.118.8/B"),
                OpFlags.CLIENT_DEFAULT));
        ClientIdentity id = ClientIdentity.secretKey("88.118.8/ADMIN", 301, "s3cret".getBytes(StandardCharsets.UTF_8));

        ProtocolException e = assertThrows(ProtocolException.class, () -> id.answer(challengeFor(other), createRequest()));

        assertEquals(ResponseCodes.AUTHEN_ERROR, e.responseCode());
    }
}
