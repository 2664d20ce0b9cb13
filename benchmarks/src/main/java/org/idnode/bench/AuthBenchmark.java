package org.idnode.bench;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.crypto.interfaces.DHPrivateKey;
import org.idnode.protocol.OpCodes;
import org.idnode.protocol.OpFlags;
import org.idnode.protocol.auth.ChallengeAnswers;
import org.idnode.protocol.auth.MessageSigner;
import org.idnode.protocol.auth.PublicKeys;
import org.idnode.protocol.auth.SessionCipher;
import org.idnode.protocol.codec.MessageCodec;
import org.idnode.protocol.message.CreateHandleRequest;
import org.idnode.protocol.message.Message;
import org.idnode.protocol.model.Credential;
import org.idnode.protocol.model.Envelope;
import org.idnode.protocol.model.Header;
import org.idnode.protocol.model.ProtocolVersion;
import org.idnode.protocol.model.PublicKeyData;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What authentication costs the node per operation (handle-protocol.md §14, §15): checking an
 * HS_PUBKEY answer (RSA-2048, SHA256withRSA), an HS_SECKEY answer in the PBKDF2 form clients send
 * (10,000 iterations), the HS_MAC of a session request (a realistic 4-value create), signing a CT
 * reply with the node key, and the server side of a Diffie-Hellman session setup (2048-bit group).
 * One challenge per session is what kept-alive sessions pay; one-shot requests pay it every time.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(1)
public class AuthBenchmark {
    private final SecureRandom random = new SecureRandom();
    private KeyPair rsa;
    private byte[] nonce;
    private byte[] digest;
    private byte[] pubkeyAnswer;
    private byte[] secret;
    private byte[] seckeyAnswer;
    private byte[] sessionKey;
    private ByteBuf macced;
    private Credential mac;
    private ByteBuf reply;
    private PublicKeyData.Dh clientDh;

    @Setup
    public void setup() throws Exception {
        KeyPairGenerator gen = KeyPairGenerator.getInstance("RSA");
        gen.initialize(2048);
        rsa = gen.generateKeyPair();
        nonce = new byte[16];
        digest = new byte[32];
        random.nextBytes(nonce);
        random.nextBytes(digest);
        pubkeyAnswer = ChallengeAnswers.pubkeyAnswer(rsa.getPrivate(), nonce, digest, ProtocolVersion.OURS);
        secret = "a shared secret of an enterprise".getBytes();
        seckeyAnswer = ChallengeAnswers.seckeyAnswer(secret, nonce, digest, random);
        sessionKey = new byte[32];
        random.nextBytes(sessionKey);
        Envelope env = Envelope.of(ProtocolVersion.OURS, ProtocolVersion.OURS, 12345, 42);
        Header h = new Header(OpCodes.CREATE_HANDLE, 0, OpFlags.CLIENT_DEFAULT, 1, 0, 1_700_000_000);
        Message create = new Message(env, h, null, new CreateHandleRequest(BenchStore.handle(7), BenchStore.values(7)), null);
        macced = Unpooled.unreleasableBuffer(MessageCodec.encode(create, Unpooled.buffer().alloc()));
        MessageSigner.mac(macced, sessionKey, 7);
        mac = MessageCodec.decode(macced.duplicate()).credential();
        reply = Unpooled.unreleasableBuffer(MessageCodec.encode(create, Unpooled.buffer().alloc()));
        KeyPairGenerator dh = KeyPairGenerator.getInstance("DH");
        dh.initialize(2048);
        clientDh = (PublicKeyData.Dh) PublicKeys.fromJava(dh.generateKeyPair().getPublic());
        List.of(clientDh.p(), clientDh.g()).forEach(BigInteger::bitLength);
    }

    @Benchmark
    public boolean verifyPubkeyAnswerRsa2048() {
        return ChallengeAnswers.verifyPubkeyAnswer(pubkeyAnswer, rsa.getPublic(), nonce, digest);
    }

    @Benchmark
    public boolean verifySeckeyAnswerPbkdf2() {
        return ChallengeAnswers.verifySeckeyAnswer(seckeyAnswer, secret, nonce, digest);
    }

    @Benchmark
    public boolean verifySessionMac() {
        return MessageSigner.verifyMac(macced.duplicate(), mac, sessionKey);
    }

    @Benchmark
    public ByteBuf signCertifiedReply() {
        PrivateKey key = rsa.getPrivate();
        ByteBuf b = reply.duplicate();
        MessageSigner.sign(b, key, 0);
        return b;
    }

    @Benchmark
    public byte[] diffieHellmanSessionSetup() {
        KeyPair ours = SessionCipher.dhKeyPair(clientDh.p(), clientDh.g(), random);
        return SessionCipher.dhSessionKey((DHPrivateKey) ours.getPrivate(), clientDh);
    }
}
