package org.idnode.protocol.auth;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.SignatureException;
import java.util.Arrays;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import org.idnode.protocol.ProtocolException;
import org.idnode.protocol.ResponseCodes;
import org.idnode.protocol.codec.Bytes;
import org.idnode.protocol.codec.Wire;
import org.idnode.protocol.model.ProtocolVersion;

/**
 * The {@code response} field of an OC 200 challenge answer (handle-protocol.md §8.7, §14). Both kinds
 * authenticate {@code nonce || digest}: the challenge's 16-octet nonce followed by the request digest
 * octets (no hash-type octet).
 * <ul>
 *   <li>HS_PUBKEY: {@code str digestAlg} + {@code bytes signature} (SHA256withRSA from 2.7);</li>
 *   <li>HS_SECKEY: {@code u8 code} + MAC. 0x22 PBKDF2-HMAC-SHA1 ({@code bytes salt, int4 iterations,
 *       int4 keyBits, bytes hmac}) is what 2.7+ clients send; 0x02 SHA-1(K||N||D||K), 0x01 MD5 of the
 *       same, 0x12 HMAC-SHA1 and 0x13 HMAC-SHA256 keyed with K are accepted too.</li>
 * </ul>
 * Verifiers return {@code false} for a wrong answer and throw {@link ProtocolException} for one they
 * cannot read: RC_PROTOCOL_ERROR for bad structure, RC_INVALID_CREDENTIAL for an unknown algorithm.
 */
public final class ChallengeAnswers {
    public static final int SECKEY_MD5 = 0x01;
    public static final int SECKEY_SHA1 = 0x02;
    public static final int SECKEY_HMAC_SHA1 = 0x12;
    public static final int SECKEY_HMAC_SHA256 = 0x13;
    public static final int SECKEY_PBKDF2_HMAC_SHA1 = 0x22;
    /** CNRI's PBKDF2 parameters (§14): 16-octet random salt, 10000 iterations, 160-bit key. */
    public static final int PBKDF2_SALT_LENGTH = 16;
    public static final int PBKDF2_ITERATIONS = 10_000;
    public static final int PBKDF2_KEY_BITS = 160;
    /**
     * Upper bounds for what a peer may make us compute while verifying: a DoS guard of ours, not
     * CNRI's. Ten times the iterations CNRI clients use; more is refused as malformed.
     */
    public static final int MAX_ITERATIONS = 100_000;
    public static final int MAX_KEY_BITS = 1024;

    private ChallengeAnswers() {
    }

    /** HS_PUBKEY answer: the wire digest name and the signature. */
    public record PubkeyAnswer(String digestAlgorithm, byte[] signature) {
        public PubkeyAnswer {
            signature = signature.clone();
        }

        @Override
        public byte[] signature() {
            return signature.clone();
        }
    }

    /** HS_SECKEY answer: code and MAC; salt, iterations and keyBits only for 0x22 (else empty / 0). */
    public record SeckeyAnswer(int code, byte[] salt, int iterations, int keyBits, byte[] mac) {
        public SeckeyAnswer {
            salt = salt.clone();
            mac = mac.clone();
        }

        @Override
        public byte[] salt() {
            return salt.clone();
        }

        @Override
        public byte[] mac() {
            return mac.clone();
        }
    }

    /** The octets both answers authenticate: nonce || digest (§14 step 3). */
    public static byte[] challengeOctets(byte[] nonce, byte[] digest) {
        return Algorithms.concat(nonce, digest);
    }

    // ---- HS_PUBKEY ----

    /** Signs the challenge for a server at {@code version}: SHA-256 from 2.7 (DSA: from 2.11), else SHA-1. */
    public static byte[] pubkeyAnswer(PrivateKey key, byte[] nonce, byte[] digest, ProtocolVersion version) {
        String digestName = Algorithms.signatureDigestFor(version, key.getAlgorithm());
        try {
            Signature s = Signature.getInstance(Algorithms.jcaSignature(digestName, key.getAlgorithm()));
            s.initSign(key);
            s.update(challengeOctets(nonce, digest));
            return encode(new PubkeyAnswer(digestName, s.sign()));
        } catch (GeneralSecurityException e) {
            throw new ProtocolException(ResponseCodes.ERROR, "signing the challenge: " + e);
        }
    }

    public static byte[] encode(PubkeyAnswer answer) {
        ByteBuf out = Unpooled.buffer();
        Wire.writeString(out, answer.digestAlgorithm());
        Wire.writeBytes(out, answer.signature());
        return Bytes.toArray(out);
    }

    public static PubkeyAnswer parsePubkeyAnswer(byte[] response) {
        ByteBuf in = Unpooled.wrappedBuffer(response);
        String alg = Wire.string(in, "HS_PUBKEY answer digest algorithm", 64, ResponseCodes.PROTOCOL_ERROR);
        byte[] sig = Wire.bytes(in, "HS_PUBKEY answer signature", 65_536);
        if (in.isReadable()) {
            throw ProtocolException.malformed("HS_PUBKEY answer trailing octets", in.readableBytes(), "0");
        }
        return new PubkeyAnswer(alg, sig);
    }

    public static boolean verifyPubkeyAnswer(byte[] response, PublicKey key, byte[] nonce, byte[] digest) {
        PubkeyAnswer answer = parsePubkeyAnswer(response);
        String alg = Algorithms.jcaSignature(answer.digestAlgorithm(), key.getAlgorithm());
        try {
            Signature s = Signature.getInstance(alg);
            s.initVerify(key);
            s.update(challengeOctets(nonce, digest));
            return s.verify(answer.signature());
        } catch (SignatureException e) {
            return false;
        } catch (GeneralSecurityException e) {
            throw new ProtocolException(ResponseCodes.INVALID_CREDENTIAL, "HS_PUBKEY answer " + alg + ": " + e);
        }
    }

    // ---- HS_SECKEY ----

    /** The 2.7+ default answer (0x22) with a fresh random salt and CNRI's parameters. */
    public static byte[] seckeyAnswer(byte[] secret, byte[] nonce, byte[] digest, SecureRandom random) {
        byte[] salt = new byte[PBKDF2_SALT_LENGTH];
        random.nextBytes(salt);
        return seckeyAnswerPbkdf2(secret, salt, PBKDF2_ITERATIONS, PBKDF2_KEY_BITS, nonce, digest);
    }

    /** 0x22: HMAC-SHA1(PBKDF2-HMAC-SHA1(K, salt, iterations, keyBits), nonce || digest). */
    public static byte[] seckeyAnswerPbkdf2(byte[] secret, byte[] salt, int iterations, int keyBits, byte[] nonce,
                                            byte[] digest) {
        byte[] mac = pbkdf2Mac(secret, salt, iterations, keyBits, challengeOctets(nonce, digest));
        return encode(new SeckeyAnswer(SECKEY_PBKDF2_HMAC_SHA1, salt, iterations, keyBits, mac));
    }

    /** The other answer forms: 0x01 MD5, 0x02 SHA-1 (K||N||D||K), 0x12 HMAC-SHA1, 0x13 HMAC-SHA256. */
    public static byte[] seckeyAnswer(int code, byte[] secret, byte[] nonce, byte[] digest) {
        if (code == SECKEY_PBKDF2_HMAC_SHA1) {
            throw new ProtocolException(ResponseCodes.ERROR, "0x22 needs a salt: use seckeyAnswerPbkdf2");
        }
        return encode(new SeckeyAnswer(code, new byte[0], 0, 0, simpleMac(code, secret, challengeOctets(nonce, digest))));
    }

    public static byte[] encode(SeckeyAnswer answer) {
        ByteBuf out = Unpooled.buffer();
        out.writeByte(answer.code());
        if (answer.code() == SECKEY_PBKDF2_HMAC_SHA1) {
            Wire.writeBytes(out, answer.salt());
            out.writeInt(answer.iterations());
            out.writeInt(answer.keyBits());
            Wire.writeBytes(out, answer.mac());
        } else {
            // The simple forms carry the MAC as raw octets after the code octet.
            out.writeBytes(answer.mac());
        }
        return Bytes.toArray(out);
    }

    public static SeckeyAnswer parseSeckeyAnswer(byte[] response) {
        ByteBuf in = Unpooled.wrappedBuffer(response);
        int code = Wire.u8(in, "HS_SECKEY answer code");
        if (code == SECKEY_PBKDF2_HMAC_SHA1) {
            byte[] salt = Wire.bytes(in, "HS_SECKEY answer salt", 1024);
            int iterations = Wire.int4(in, "HS_SECKEY answer iterations");
            int keyBits = Wire.int4(in, "HS_SECKEY answer key bits");
            byte[] mac = Wire.bytes(in, "HS_SECKEY answer hmac", 1024);
            if (in.isReadable()) {
                throw ProtocolException.malformed("HS_SECKEY answer trailing octets", in.readableBytes(), "0");
            }
            return new SeckeyAnswer(code, salt, iterations, keyBits, mac);
        }
        int expected = macLength(code);
        if (in.readableBytes() != expected) {
            throw ProtocolException.malformed("HS_SECKEY answer MAC", in.readableBytes(), expected + " octets");
        }
        byte[] mac = new byte[expected];
        in.readBytes(mac);
        return new SeckeyAnswer(code, new byte[0], 0, 0, mac);
    }

    /** Checks an HS_SECKEY answer against the secret K (the HS_SECKEY value's data octets). */
    public static boolean verifySeckeyAnswer(byte[] response, byte[] secret, byte[] nonce, byte[] digest) {
        SeckeyAnswer answer = parseSeckeyAnswer(response);
        if (secret.length == 0) {
            return false; // an empty secret authenticates nobody
        }
        byte[] octets = challengeOctets(nonce, digest);
        byte[] expected;
        if (answer.code() == SECKEY_PBKDF2_HMAC_SHA1) {
            if (answer.iterations() < 1 || answer.iterations() > MAX_ITERATIONS) {
                throw ProtocolException.malformed("HS_SECKEY answer iterations", answer.iterations(), "1.." + MAX_ITERATIONS);
            }
            if (answer.keyBits() < 8 || answer.keyBits() > MAX_KEY_BITS || answer.keyBits() % 8 != 0) {
                throw ProtocolException.malformed("HS_SECKEY answer key bits", answer.keyBits(),
                        "a multiple of 8 in 8.." + MAX_KEY_BITS);
            }
            if (answer.salt().length == 0) {
                throw ProtocolException.malformed("HS_SECKEY answer salt", 0, "a non-empty salt");
            }
            expected = pbkdf2Mac(secret, answer.salt(), answer.iterations(), answer.keyBits(), octets);
        } else {
            expected = simpleMac(answer.code(), secret, octets);
        }
        return MessageDigest.isEqual(expected, answer.mac());
    }

    private static int macLength(int code) {
        return switch (code) {
            case SECKEY_MD5 -> 16;
            case SECKEY_SHA1, SECKEY_HMAC_SHA1 -> 20;
            case SECKEY_HMAC_SHA256 -> 32;
            default -> throw unknownCode(code);
        };
    }

    private static byte[] simpleMac(int code, byte[] secret, byte[] octets) {
        return switch (code) {
            case SECKEY_MD5 -> Algorithms.digest("MD5", secret, octets, secret);
            case SECKEY_SHA1 -> Algorithms.digest("SHA-1", secret, octets, secret);
            case SECKEY_HMAC_SHA1 -> Algorithms.hmac("HmacSHA1", secret, octets);
            case SECKEY_HMAC_SHA256 -> Algorithms.hmac("HmacSHA256", secret, octets);
            default -> throw unknownCode(code);
        };
    }

    private static ProtocolException unknownCode(int code) {
        return new ProtocolException(ResponseCodes.INVALID_CREDENTIAL, "HS_SECKEY answer code: 0x"
                + Integer.toHexString(code) + " (expected: 0x01, 0x02, 0x12, 0x13 or 0x22)");
    }

    /**
     * PBKDF2 takes a password as characters: the secret octets are read as UTF-8, which the JDK's
     * PBKDF2WithHmacSHA1 encodes back to UTF-8, so a UTF-8 secret is used octet for octet.
     */
    private static byte[] pbkdf2Mac(byte[] secret, byte[] salt, int iterations, int keyBits, byte[] octets) {
        if (secret.length == 0) {
            throw new ProtocolException(ResponseCodes.AUTHENTICATION_FAILED, "HS_SECKEY: empty secret");
        }
        char[] password = new String(secret, StandardCharsets.UTF_8).toCharArray();
        PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, keyBits);
        try {
            byte[] key = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA1").generateSecret(spec).getEncoded();
            return Algorithms.hmac("HmacSHA1", key, octets);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw ProtocolException.malformed("HS_SECKEY PBKDF2 parameters: " + e.getMessage());
        } finally {
            spec.clearPassword();
            Arrays.fill(password, '\0');
        }
    }
}
