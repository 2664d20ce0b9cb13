package org.idnode.protocol.auth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import javax.crypto.interfaces.DHPrivateKey;
import org.idnode.protocol.ProtocolException;
import org.idnode.protocol.ResponseCodes;
import org.idnode.protocol.codec.AdminRecordCodec;
import org.idnode.protocol.codec.MessageCodec;
import org.idnode.protocol.codec.SiteInfoCodec;
import org.idnode.protocol.codec.ValueListCodec;
import org.idnode.protocol.message.Message;
import org.idnode.protocol.message.ResolutionRequest;
import org.idnode.protocol.model.AdminRecord;
import org.idnode.protocol.model.Credential;
import org.idnode.protocol.model.Envelope;
import org.idnode.protocol.model.Header;
import org.idnode.protocol.model.ProtocolVersion;
import org.idnode.protocol.model.PublicKeyData;
import org.idnode.protocol.model.RequestDigest;
import org.idnode.protocol.model.ValueList;
import org.idnode.protocol.model.ValueReference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The auth primitives beyond what the CNRI vectors exercise (those are in HandleVectorsTest): other
 * versions, DSA, the other HS_SECKEY forms, and that malformed input only ever ends in a
 * {@link ProtocolException} with a fitting response code.
 */
class AuthPrimitivesTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final byte[] NONCE = HEX.parseHex("00112233445566778899aabbccddeeff");
    private static final byte[] DIGEST = new byte[32];
    private static final byte[] SECRET = "example-secret".getBytes(StandardCharsets.UTF_8);
    private static final ProtocolVersion V2_10 = new ProtocolVersion(2, 10);
    private static KeyPair rsa;
    private static KeyPair dsa;
    private static KeyPair otherRsa;
    private static KeyPair otherDsa;

    @BeforeAll
    static void keys() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(1024, new SecureRandom(new byte[] {1}));
        rsa = g.generateKeyPair();
        otherRsa = g.generateKeyPair();
        KeyPairGenerator d = KeyPairGenerator.getInstance("DSA");
        d.initialize(1024); // CNRI DSA keys are 1024-bit (the JDK refuses SHA1withDSA for larger ones)
        dsa = d.generateKeyPair();
        otherDsa = d.generateKeyPair();
        Arrays.fill(DIGEST, (byte) 0x5C);
    }

    private static int rc(Runnable r) {
        return assertThrows(ProtocolException.class, r::run).responseCode();
    }

    /** An unsigned resolution request at the given envelope version, encoded. */
    private static ByteBuf request(int major, int minor, int suggestedMinor) {
        Message m = new Message(new Envelope(major, minor, 2, suggestedMinor, 7, 1234, 0, 0),
                new Header(1, 0, 0x19000000, 1, 0, 1700043200), null, ResolutionRequest.all("20.5000.1/abc"), null);
        return MessageCodec.encode(m, ByteBufAllocator.DEFAULT);
    }

    // ---- SignedData (§9) ----

    @Test
    void signedDataCarriesVersionIdsAndCounterByVersion() {
        ByteBuf m = request(2, 10, 11);
        byte[] hb = ByteBufUtil.getBytes(m, 20, 24 + 25);
        byte[] d = SignedData.of(m, 9);
        assertEquals("020a020b" + "00000007" + "000004d2" + "00000009" + HEX.formatHex(hb), HEX.formatHex(d));
        // 2.6 and 2.7: no suggested version octets; before 2.6: header + body only, as in the RFC (§19).
        ByteBuf m27 = request(2, 7, 7);
        assertEquals("0207" + "00000007" + "000004d2" + "00000009" + HEX.formatHex(hb),
                HEX.formatHex(SignedData.of(m27, 9)));
        assertArrayEquals(hb, SignedData.of(request(2, 5, 5), 9));
        assertEquals(0, m.readerIndex(), "reader index untouched");
    }

    @Test
    void signedDataRejectsMalformedMessages() {
        assertEquals(ResponseCodes.PROTOCOL_ERROR, rc(() -> SignedData.of(Unpooled.wrappedBuffer(new byte[10]), 0)));
        ByteBuf m = request(2, 10, 10);
        m.setInt(40, 1000);
        assertEquals(ResponseCodes.PROTOCOL_ERROR, rc(() -> SignedData.of(m, 0)));
        m.setInt(40, -1);
        assertEquals(ResponseCodes.PROTOCOL_ERROR, rc(() -> SignedData.of(m, 0)));
    }

    // ---- MessageSigner (§9) ----

    @Test
    void rsaAndDsaSignaturesFollowTheEnvelopeVersion() {
        for (KeyPair kp : List.of(rsa, dsa)) {
            for (int minor : new int[] {5, 6, 7, 10, 11}) {
                ByteBuf m = request(2, minor, minor);
                MessageSigner.sign(m, kp.getPrivate(), 3);
                Message decoded = MessageCodec.decode(m.duplicate());
                Credential c = decoded.credential();
                String expected = minor < 7 || (kp == dsa && minor < 11) ? "SHA1" : "SHA-256";
                assertEquals(expected, c.digestAlgorithm(), kp.getPublic().getAlgorithm() + " at 2." + minor);
                assertEquals(3, c.signerIndex());
                assertTrue(MessageSigner.verify(m, c, kp.getPublic()));
                assertFalse(MessageSigner.verify(m, c, (kp == rsa ? otherRsa : otherDsa).getPublic()), "other key");
                m.setByte(20 + 24 + 5, m.getByte(20 + 24 + 5) ^ 1);
                assertFalse(MessageSigner.verify(m, c, kp.getPublic()), "tampered body");
            }
        }
    }

    @Test
    void verifyingAnUnusableCredentialIsInvalidCredential() {
        ByteBuf m = request(2, 10, 10);
        assertEquals(ResponseCodes.INVALID_CREDENTIAL, rc(() -> MessageSigner.verify(m, null, rsa.getPublic())));
        Credential mac = new Credential(0, 0, 0, "", 1, Credential.HS_MAC, "HMAC-SHA256", new byte[32]);
        assertEquals(ResponseCodes.INVALID_CREDENTIAL, rc(() -> MessageSigner.verify(m, mac, rsa.getPublic())));
        Credential sha512 = Credential.signed("SHA-512", new byte[128], 0);
        assertEquals(ResponseCodes.INVALID_CREDENTIAL, rc(() -> MessageSigner.verify(m, sha512, rsa.getPublic())));
        Credential md5 = Credential.signed("MD5", new byte[64], 0);
        assertEquals(ResponseCodes.INVALID_CREDENTIAL, rc(() -> MessageSigner.verify(m, md5, dsa.getPublic())));
        // Garbage where a signature belongs is just a wrong signature.
        assertFalse(MessageSigner.verify(m, Credential.signed("SHA-256", new byte[] {1, 2, 3}, 0), rsa.getPublic()));
        assertFalse(MessageSigner.verify(m, Credential.signed("SHA-256", new byte[] {1, 2, 3}, 0), dsa.getPublic()));
        Credential legacyType = new Credential(0, 0, 0, "", 0, MessageSigner.HS_DSAPUBKEY, "SHA1", new byte[40]);
        assertFalse(MessageSigner.verify(m, legacyType, dsa.getPublic()), "HS_DSAPUBKEY is accepted as a type");
    }

    @Test
    void macsUseTheWholeSessionKeyAndTheCounter() {
        byte[] key = new byte[32];
        new SplittableRandom(5).nextBytes(key);
        ByteBuf m = request(2, 10, 10);
        MessageSigner.mac(m, key, 41);
        Credential c = MessageCodec.decode(m.duplicate()).credential();
        assertEquals(41, c.signerIndex());
        assertTrue(MessageSigner.verifyMac(m, c, key));
        byte[] other = key.clone();
        other[31] ^= 1; // the last octet matters: the MAC key is all 32 octets (§15)
        assertFalse(MessageSigner.verifyMac(m, c, other));
        Credential otherCounter = new Credential(0, 0, 0, "", 42, c.type(), c.digestAlgorithm(), c.signature());
        assertFalse(MessageSigner.verifyMac(m, otherCounter, key));
        assertEquals(ResponseCodes.INVALID_SESSION_KEY, rc(() -> MessageSigner.verifyMac(m, c, new byte[16])));
        Credential sha1 = new Credential(0, 0, 0, "", 42, Credential.HS_MAC, "SHA1", c.signature());
        assertEquals(ResponseCodes.INVALID_CREDENTIAL, rc(() -> MessageSigner.verifyMac(m, sha1, key)));
        assertEquals(ResponseCodes.INVALID_CREDENTIAL, rc(() -> MessageSigner.verifyMac(m, null, key)));
    }

    // ---- RequestDigests (§8.1) ----

    @Test
    void requestDigestTypeFollowsTheVersion() {
        assertEquals(0, RequestDigests.hashTypeFor(new ProtocolVersion(2, 0)));
        assertEquals(0, RequestDigests.hashTypeFor(new ProtocolVersion(5, 9)), "5.x is a broken 2.0 (§19)");
        assertEquals(RequestDigest.SHA1, RequestDigests.hashTypeFor(new ProtocolVersion(2, 1)));
        assertEquals(RequestDigest.SHA1, RequestDigests.hashTypeFor(new ProtocolVersion(2, 6)));
        assertEquals(RequestDigest.SHA256, RequestDigests.hashTypeFor(new ProtocolVersion(2, 7)));
        ByteBuf m = request(2, 10, 10);
        for (int type = 0; type <= 3; type++) {
            RequestDigest d = RequestDigests.of(type, m);
            assertEquals(type == 0 ? 16 : RequestDigest.lengthOf(type), d.digest().length);
            assertTrue(RequestDigests.matches(d, m));
        }
        assertEquals(ResponseCodes.PROTOCOL_ERROR, rc(() -> RequestDigests.of(4, m)));
        assertEquals(ResponseCodes.PROTOCOL_ERROR, rc(() -> RequestDigests.of(3, Unpooled.wrappedBuffer(new byte[30]))));
    }

    // ---- ChallengeAnswers (§14) ----

    @Test
    void pubkeyAnswersFollowVersionAndKeyType() {
        for (KeyPair kp : List.of(rsa, dsa)) {
            for (int minor : new int[] {6, 7, 10, 11}) {
                byte[] answer = ChallengeAnswers.pubkeyAnswer(kp.getPrivate(), NONCE, DIGEST, new ProtocolVersion(2, minor));
                String alg = ChallengeAnswers.parsePubkeyAnswer(answer).digestAlgorithm();
                assertEquals(minor < 7 || (kp == dsa && minor < 11) ? "SHA1" : "SHA-256", alg);
                assertTrue(ChallengeAnswers.verifyPubkeyAnswer(answer, kp.getPublic(), NONCE, DIGEST));
                assertFalse(ChallengeAnswers.verifyPubkeyAnswer(answer, kp.getPublic(), DIGEST, NONCE));
            }
        }
        byte[] unknown = ChallengeAnswers.encode(new ChallengeAnswers.PubkeyAnswer("SHA-384", new byte[8]));
        assertEquals(ResponseCodes.INVALID_CREDENTIAL,
                rc(() -> ChallengeAnswers.verifyPubkeyAnswer(unknown, rsa.getPublic(), NONCE, DIGEST)));
    }

    @Test
    void everySeckeyAnswerFormVerifies() {
        for (int code : new int[] {ChallengeAnswers.SECKEY_MD5, ChallengeAnswers.SECKEY_SHA1,
            ChallengeAnswers.SECKEY_HMAC_SHA1, ChallengeAnswers.SECKEY_HMAC_SHA256}) {
            byte[] answer = ChallengeAnswers.seckeyAnswer(code, SECRET, NONCE, DIGEST);
            assertEquals(code, answer[0] & 0xFF);
            assertTrue(ChallengeAnswers.verifySeckeyAnswer(answer, SECRET, NONCE, DIGEST), "code " + code);
            assertFalse(ChallengeAnswers.verifySeckeyAnswer(answer, "other".getBytes(StandardCharsets.UTF_8), NONCE,
                    DIGEST), "code " + code);
            answer[answer.length - 1] ^= 1;
            assertFalse(ChallengeAnswers.verifySeckeyAnswer(answer, SECRET, NONCE, DIGEST), "code " + code);
        }
        // 0x02 is SHA-1(K || N || D || K) (§14).
        byte[] sha1 = ChallengeAnswers.seckeyAnswer(ChallengeAnswers.SECKEY_SHA1, SECRET, NONCE, DIGEST);
        assertArrayEquals(Algorithms.digest("SHA-1", SECRET, NONCE, DIGEST, SECRET), Arrays.copyOfRange(sha1, 1, 21));
        byte[] pbkdf2 = ChallengeAnswers.seckeyAnswer(SECRET, NONCE, DIGEST, new SecureRandom());
        ChallengeAnswers.SeckeyAnswer parsed = ChallengeAnswers.parseSeckeyAnswer(pbkdf2);
        assertEquals(16, parsed.salt().length);
        assertEquals(10_000, parsed.iterations());
        assertEquals(160, parsed.keyBits());
        assertTrue(ChallengeAnswers.verifySeckeyAnswer(pbkdf2, SECRET, NONCE, DIGEST));
        assertFalse(ChallengeAnswers.verifySeckeyAnswer(pbkdf2, new byte[0], NONCE, DIGEST), "empty secret");
    }

    @Test
    void malformedSeckeyAnswersAreRejectedWithFittingCodes() {
        assertEquals(ResponseCodes.INVALID_CREDENTIAL, rc(() -> ChallengeAnswers.parseSeckeyAnswer(new byte[] {0x07, 1})));
        assertEquals(ResponseCodes.PROTOCOL_ERROR, rc(() -> ChallengeAnswers.parseSeckeyAnswer(new byte[0])));
        assertEquals(ResponseCodes.PROTOCOL_ERROR, rc(() -> ChallengeAnswers.parseSeckeyAnswer(new byte[] {0x02, 1, 2})));
        // Iterations and key size are the peer's choice, so they are bounded before any work is done.
        byte[] many = ChallengeAnswers.encode(new ChallengeAnswers.SeckeyAnswer(0x22, new byte[16],
                ChallengeAnswers.MAX_ITERATIONS + 1, 160, new byte[20]));
        assertEquals(ResponseCodes.PROTOCOL_ERROR, rc(() -> ChallengeAnswers.verifySeckeyAnswer(many, SECRET, NONCE, DIGEST)));
        byte[] odd = ChallengeAnswers.encode(new ChallengeAnswers.SeckeyAnswer(0x22, new byte[16], 10, 161, new byte[20]));
        assertEquals(ResponseCodes.PROTOCOL_ERROR, rc(() -> ChallengeAnswers.verifySeckeyAnswer(odd, SECRET, NONCE, DIGEST)));
        byte[] noSalt = ChallengeAnswers.encode(new ChallengeAnswers.SeckeyAnswer(0x22, new byte[0], 10, 160, new byte[20]));
        assertEquals(ResponseCodes.PROTOCOL_ERROR, rc(() -> ChallengeAnswers.verifySeckeyAnswer(noSalt, SECRET, NONCE, DIGEST)));
    }

    // ---- SessionCipher (§15) ----

    @Test
    void sessionPayloadsRoundTripAndBadCiphertextIsSessionFailed() {
        byte[] key = new byte[32];
        new SplittableRandom(9).nextBytes(key);
        SecureRandom random = new SecureRandom();
        for (int n : new int[] {0, 1, 15, 16, 17, 300}) {
            byte[] plain = new byte[n];
            random.nextBytes(plain);
            ByteBuf cipher = SessionCipher.encrypt(key, Unpooled.wrappedBuffer(plain), random);
            assertEquals(16 + (n / 16 + 1) * 16, cipher.readableBytes());
            assertArrayEquals(plain, ByteBufUtil.getBytes(SessionCipher.decrypt(key, cipher)));
        }
        assertEquals(ResponseCodes.SESSION_FAILED, rc(() -> SessionCipher.decrypt(key, Unpooled.wrappedBuffer(new byte[16]))));
        assertEquals(ResponseCodes.SESSION_FAILED, rc(() -> SessionCipher.decrypt(key, Unpooled.wrappedBuffer(new byte[33]))));
        assertEquals(ResponseCodes.SESSION_FAILED, rc(() -> SessionCipher.decrypt(new byte[8], Unpooled.wrappedBuffer(new byte[32]))));
        int padFailures = 0;
        for (int i = 0; i < 50; i++) {
            byte[] junk = new byte[48];
            random.nextBytes(junk);
            try {
                SessionCipher.decrypt(key, Unpooled.wrappedBuffer(junk));
            } catch (ProtocolException e) {
                assertEquals(ResponseCodes.SESSION_FAILED, e.responseCode());
                padFailures++;
            }
        }
        assertTrue(padFailures > 30, "random ciphertext mostly fails PKCS#5 padding");
    }

    @Test
    void encryptedFramesRoundTripThroughDecodeEncrypted() {
        byte[] key = new byte[32];
        new SplittableRandom(3).nextBytes(key);
        ByteBuf clear = request(2, 10, 10);
        MessageSigner.mac(clear, key, 1);
        ByteBuf frame = SessionCipher.encryptFrame(clear, key, new byte[16], ByteBufAllocator.DEFAULT);
        Envelope env = org.idnode.protocol.codec.EnvelopeCodec.decode(frame.duplicate());
        assertTrue(env.encrypted());
        assertEquals(frame.readableBytes() - 20, env.messageLength());
        Message m = SessionCipher.decodeEncrypted(frame.duplicate(), key);
        assertEquals(ResolutionRequest.all("20.5000.1/abc"), m.body());
        byte[] wrong = key.clone();
        wrong[0] ^= 1;
        assertEquals(ResponseCodes.SESSION_FAILED, rc(() -> SessionCipher.decodeEncrypted(frame.duplicate(), wrong)));
        assertEquals(ResponseCodes.PROTOCOL_ERROR, rc(() -> SessionCipher.decodeEncrypted(clear.duplicate(), key)),
                "EC not set");
    }

    @Test
    void dhExchangeGivesBothSidesTheSameKeyAndRejectsWeakPublicValues() {
        BigInteger p = new BigInteger("ffffffffffffffffc90fdaa22168c234c4c6628b80dc1cd129024e088a67cc74020bbea63b139b22514a08798e3404ddef9519b3cd3a431b302b0a6df25f14374fe1356d6d51c245e485b576625e7ec6f44c42e9a637ed6b0bff5cb6f406b7edee386bfb5a899fa5ae9f24117c4b1fe649286651ece65381ffffffffffffffff", 16);
        BigInteger g = BigInteger.TWO;
        KeyPair server = SessionCipher.dhKeyPair(p, g, new SecureRandom());
        KeyPair client = SessionCipher.dhKeyPair(p, g, new SecureRandom());
        PublicKeyData.Dh serverPub = (PublicKeyData.Dh) PublicKeys.fromJava(server.getPublic());
        PublicKeyData.Dh clientPub = (PublicKeyData.Dh) PublicKeys.fromJava(client.getPublic());
        byte[] k1 = SessionCipher.dhSessionKey((DHPrivateKey) server.getPrivate(), clientPub);
        byte[] k2 = SessionCipher.dhSessionKey((DHPrivateKey) client.getPrivate(), serverPub);
        assertArrayEquals(k1, k2);
        assertEquals(32, k1.length);
        assertNotEquals(0, k1[0], "leading zero octets are dropped before the 32 are taken");
        SessionCipher.DhSetupData data = new SessionCipher.DhSetupData(SessionCipher.ALG_AES, serverPub);
        assertEquals(data, SessionCipher.DhSetupData.decode(data.encode()));
        for (BigInteger y : new BigInteger[] {BigInteger.ZERO, BigInteger.ONE, p.subtract(BigInteger.ONE), p}) {
            assertEquals(ResponseCodes.INVALID_SESSIONSETUP_REQUEST,
                    rc(() -> SessionCipher.dhSessionKey(BigInteger.TEN, new PublicKeyData.Dh(y, p, g))));
        }
        assertEquals(ResponseCodes.SESSION_FAILED, rc(() -> SessionCipher.sessionKey(BigInteger.valueOf(255))));
        byte[] rsaData = ByteBufUtil.getBytes(Unpooled.buffer().writeInt(3).writeBytes(PublicKeys.encode(rsa.getPublic())));
        assertEquals(ResponseCodes.INVALID_SESSIONSETUP_REQUEST, rc(() -> SessionCipher.DhSetupData.decode(rsaData)));
    }

    // ---- PublicKeys ----

    @Test
    void publicKeysConvertBothWaysAndRejectNonsense() {
        for (KeyPair kp : List.of(rsa, dsa)) {
            byte[] hs = PublicKeys.encode(kp.getPublic());
            assertEquals(kp.getPublic(), PublicKeys.decode(hs));
        }
        // [CNRI] RSA keys end in 4 zero octets; a key without them is read as well.
        byte[] hs = PublicKeys.encode(rsa.getPublic());
        assertEquals("00000000", HEX.formatHex(hs, hs.length - 4, hs.length));
        assertEquals(rsa.getPublic(), PublicKeys.decode(Arrays.copyOf(hs, hs.length - 4)));
        assertEquals(ResponseCodes.PROTOCOL_ERROR, rc(() -> PublicKeys.toJava(new PublicKeyData.Rsa(BigInteger.ONE,
                BigInteger.valueOf(-77)))));
        assertEquals(ResponseCodes.PROTOCOL_ERROR, rc(() -> PublicKeys.toJava(new PublicKeyData.Rsa(BigInteger.TWO.pow(9000),
                BigInteger.TWO.pow(20000).add(BigInteger.ONE)))));
        assertEquals(ResponseCodes.PROTOCOL_ERROR, rc(() -> PublicKeys.privateKey(new byte[] {1, 2, 3})));
        assertEquals(rsa.getPrivate(), PublicKeys.privateKey(rsa.getPrivate().getEncoded()));
        assertEquals(dsa.getPrivate(), PublicKeys.privateKey(dsa.getPrivate().getEncoded()));
    }

    // ---- malformed input everywhere ends in ProtocolException ----

    /** Mutations of valid encodings fed to every parser of value data and auth octets. */
    @Test
    void authParsersAndTypedValueCodecsOnlyThrowProtocolException() {
        byte[] admin = AdminRecordCodec.encode(new AdminRecord(0x0FF3, "0.NA/20.5000.1", 200));
        byte[] vlist = ValueListCodec.encode(new ValueList(List.of(new ValueReference("0.NA/x", 1),
                new ValueReference("20.5000.1/\u00e9", 300))));
        byte[] rsaKey = PublicKeys.encode(rsa.getPublic());
        byte[] dsaKey = PublicKeys.encode(dsa.getPublic());
        byte[] site = HEX.parseHex("0001020a0001800200000000000000010000000464657363000000114578616d706c652074657374"
                + "20736974650000000100000001000000000000000000000000c000020a0000000000000003030100000a5102000000"
                + "0a51030200001f40");
        byte[] pubAnswer = ChallengeAnswers.encode(new ChallengeAnswers.PubkeyAnswer("SHA-256", new byte[128]));
        byte[] secAnswer = ChallengeAnswers.encode(new ChallengeAnswers.SeckeyAnswer(0x22, new byte[16], 5, 160,
                new byte[20]));
        byte[] simpleAnswer = ChallengeAnswers.seckeyAnswer(0x13, SECRET, NONCE, DIGEST);
        byte[] dhData = new SessionCipher.DhSetupData(3, new PublicKeyData.Dh(BigInteger.valueOf(5),
                BigInteger.valueOf(23), BigInteger.TWO)).encode();
        byte[] frame = ByteBufUtil.getBytes(request(2, 10, 10));
        byte[] key = new byte[32];

        SiteInfoCodec.decode(site);
        check(admin, AdminRecordCodec::decode);
        check(vlist, ValueListCodec::decode);
        check(rsaKey, b -> PublicKeys.decode(b));
        check(dsaKey, b -> PublicKeys.decode(b));
        check(site, SiteInfoCodec::decode);
        check(pubAnswer, b -> ChallengeAnswers.verifyPubkeyAnswer(b, rsa.getPublic(), NONCE, DIGEST));
        check(pubAnswer, b -> ChallengeAnswers.verifyPubkeyAnswer(b, dsa.getPublic(), NONCE, DIGEST));
        check(secAnswer, ChallengeAnswers::parseSeckeyAnswer);
        check(simpleAnswer, b -> ChallengeAnswers.verifySeckeyAnswer(b, SECRET, NONCE, DIGEST));
        check(dhData, SessionCipher.DhSetupData::decode);
        check(frame, b -> SignedData.of(Unpooled.wrappedBuffer(b), 1));
        check(frame, b -> RequestDigests.of(Unpooled.wrappedBuffer(b), new ProtocolVersion(2, b.length > 1 ? b[1] : 0)));
        check(frame, b -> MessageSigner.verifyMac(Unpooled.wrappedBuffer(b), new Credential(0, 0, 0, "", 1,
                Credential.HS_MAC, "HMAC-SHA256", new byte[32]), key));
        check(frame, b -> MessageSigner.verify(Unpooled.wrappedBuffer(b), Credential.signed("SHA-256", b, 0),
                rsa.getPublic()));
        check(new byte[64], b -> SessionCipher.decrypt(key, Unpooled.wrappedBuffer(b)));
    }

    private static void check(byte[] valid, Consumer<byte[]> parser) {
        SplittableRandom r = new SplittableRandom(0xA17L + valid.length);
        for (int i = 0; i < 20_000; i++) {
            byte[] b = mutate(r, valid.clone());
            try {
                parser.accept(b);
            } catch (ProtocolException e) {
                assertTrue(e.responseCode() > 0, "a response code to send");
            } catch (RuntimeException e) {
                throw new AssertionError("input " + HEX.formatHex(b) + " threw " + e, e);
            }
        }
    }

    private static byte[] mutate(SplittableRandom r, byte[] b) {
        switch (r.nextInt(5)) {
            case 0 -> {
                return Arrays.copyOf(b, r.nextInt(b.length + 1));
            }
            case 1 -> {
                if (b.length >= 4) {
                    int[] edge = {-1, 0, 1, Integer.MAX_VALUE, Integer.MIN_VALUE, b.length, b.length + 1, 1 << 20};
                    ByteBuffer.wrap(b).putInt(r.nextInt(b.length - 3), edge[r.nextInt(edge.length)]);
                }
                return b;
            }
            case 2 -> {
                byte[] out = Arrays.copyOf(b, b.length + 1 + r.nextInt(8));
                out[r.nextInt(out.length)] = (byte) r.nextInt(256);
                return out;
            }
            default -> {
                if (b.length > 0) {
                    for (int k = 1 + r.nextInt(4); k > 0; k--) {
                        b[r.nextInt(b.length)] ^= (byte) (1 << r.nextInt(8));
                    }
                }
                return b;
            }
        }
    }
}
