package org.idnode.protocol.auth;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.interfaces.DHPrivateKey;
import javax.crypto.spec.DHParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.idnode.protocol.Limits;
import org.idnode.protocol.ProtocolException;
import org.idnode.protocol.ResponseCodes;
import org.idnode.protocol.codec.Bytes;
import org.idnode.protocol.codec.EnvelopeCodec;
import org.idnode.protocol.codec.MessageCodec;
import org.idnode.protocol.codec.PublicKeyCodec;
import org.idnode.protocol.codec.Wire;
import org.idnode.protocol.message.Message;
import org.idnode.protocol.model.Envelope;
import org.idnode.protocol.model.PublicKeyData;

/**
 * Session encryption and the Diffie-Hellman session key (handle-protocol.md §15).
 *
 * <p>With EC set in the envelope, the octets after the envelope are {@code 16-octet IV ||
 * AES-128-CBC/PKCS#5 ciphertext} of header + body + credential (>= 2.4), keyed with the first 16
 * octets of the session key; the envelope stays clear and its messageLength counts the ciphertext.
 * DES/3DES sessions (algorithm 1 and 2) and pre-2.4 ECB are not supported: RC_SESSION_FAILED.
 * Every failure (short, unaligned, bad padding) is RC_SESSION_FAILED (501, §7).
 */
public final class SessionCipher {
    public static final int ALG_DES = 1;
    public static final int ALG_DESEDE = 2;
    public static final int ALG_AES = 3;
    public static final int IV_LENGTH = 16;
    public static final int AES_KEY_LENGTH = 16;
    /** Session key = the first 32 octets of the DH shared secret (§15); also the HS_MAC key. */
    public static final int SESSION_KEY_LENGTH = 32;

    private SessionCipher() {
    }

    // ---- AES-128-CBC payloads ----

    /** Decrypts {@code IV || ciphertext} (the readable octets of {@code payload}, left unread) to a new buffer. */
    public static ByteBuf decrypt(byte[] sessionKey, ByteBuf payload) {
        int n = payload.readableBytes();
        if (n < 2 * IV_LENGTH || n % IV_LENGTH != 0) {
            throw new ProtocolException(ResponseCodes.SESSION_FAILED,
                    "encrypted payload: " + n + " octets (expected: a 16-octet IV and whole AES blocks)");
        }
        byte[] in = new byte[n];
        payload.getBytes(payload.readerIndex(), in);
        try {
            Cipher c = Cipher.getInstance("AES/CBC/PKCS5Padding");
            c.init(Cipher.DECRYPT_MODE, aesKey(sessionKey), new IvParameterSpec(in, 0, IV_LENGTH));
            return Unpooled.wrappedBuffer(c.doFinal(in, IV_LENGTH, n - IV_LENGTH));
        } catch (GeneralSecurityException e) {
            throw new ProtocolException(ResponseCodes.SESSION_FAILED, "decrypting: " + e.getMessage());
        }
    }

    /** {@code IV || AES-128-CBC(plaintext)} with the given 16-octet IV; the plaintext is read, not consumed. */
    public static ByteBuf encrypt(byte[] sessionKey, byte[] iv, ByteBuf plaintext) {
        if (iv.length != IV_LENGTH) {
            throw new ProtocolException(ResponseCodes.ERROR, "IV: " + iv.length + " octets (expected: 16)");
        }
        byte[] in = new byte[plaintext.readableBytes()];
        plaintext.getBytes(plaintext.readerIndex(), in);
        try {
            Cipher c = Cipher.getInstance("AES/CBC/PKCS5Padding");
            c.init(Cipher.ENCRYPT_MODE, aesKey(sessionKey), new IvParameterSpec(iv));
            return Unpooled.wrappedBuffer(iv.clone(), c.doFinal(in));
        } catch (GeneralSecurityException e) {
            throw new ProtocolException(ResponseCodes.SESSION_FAILED, "encrypting: " + e.getMessage());
        }
    }

    public static ByteBuf encrypt(byte[] sessionKey, ByteBuf plaintext, SecureRandom random) {
        byte[] iv = new byte[IV_LENGTH];
        random.nextBytes(iv);
        return encrypt(sessionKey, iv, plaintext);
    }

    // ---- whole frames ----

    /**
     * Decodes an EC frame (envelope + encrypted payload, exactly one message). The returned message
     * keeps the envelope as sent (EC set, messageLength = ciphertext length).
     */
    public static Message decodeEncrypted(ByteBuf frame, byte[] sessionKey) {
        Envelope envelope = EnvelopeCodec.decode(frame);
        if (frame.readableBytes() != envelope.messageLength()) {
            throw ProtocolException.malformed("envelope messageLength", envelope.messageLength(),
                    frame.readableBytes() + " (the octets that follow)");
        }
        if (!envelope.encrypted()) {
            throw ProtocolException.malformed("envelope: EC flag not set");
        }
        ByteBuf plain = decrypt(sessionKey, frame);
        frame.skipBytes(frame.readableBytes());
        return MessageCodec.decode(envelope, plain);
    }

    /**
     * Turns an encoded frame (envelope + clear message, already MAC'd) into its EC form: EC set,
     * message encrypted behind a 16-octet IV, messageLength fixed. The input is not modified.
     */
    public static ByteBuf encryptFrame(ByteBuf encoded, byte[] sessionKey, byte[] iv, ByteBufAllocator alloc) {
        if (encoded.readableBytes() < Limits.ENVELOPE_SIZE) {
            throw ProtocolException.malformed("frame", encoded.readableBytes(), ">= " + Limits.ENVELOPE_SIZE + " octets");
        }
        int start = encoded.readerIndex();
        Envelope envelope = EnvelopeCodec.decode(encoded.slice(start, Limits.ENVELOPE_SIZE));
        ByteBuf cipher = encrypt(sessionKey, iv,
                encoded.slice(start + Limits.ENVELOPE_SIZE, encoded.readableBytes() - Limits.ENVELOPE_SIZE));
        ByteBuf out = alloc.buffer(Limits.ENVELOPE_SIZE + cipher.readableBytes());
        EnvelopeCodec.encode(envelope.withFlags(envelope.flags() | Envelope.ENCRYPTED)
                .withMessageLength(cipher.readableBytes()), out);
        out.writeBytes(cipher);
        return out;
    }

    // ---- Diffie-Hellman (mode 4) ----

    /** A fresh DH key pair on the peer's group (the server side of mode 4). */
    public static KeyPair dhKeyPair(BigInteger p, BigInteger g, SecureRandom random) {
        try {
            KeyPairGenerator gen = KeyPairGenerator.getInstance("DH");
            gen.initialize(new DHParameterSpec(p, g), random);
            return gen.generateKeyPair();
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new ProtocolException(ResponseCodes.INVALID_SESSIONSETUP_REQUEST, "DH group: " + e.getMessage());
        }
    }

    public static byte[] dhSessionKey(DHPrivateKey own, PublicKeyData.Dh peer) {
        return dhSessionKey(own.getX(), peer);
    }

    /**
     * The session key from our private exponent and the peer's DH_PUB_KEY: y^x mod p as a
     * big-endian integer without leading zero octets, first 32 octets (§15). The peer's y must lie
     * in 2..p-2 (else the secret is predictable).
     */
    public static byte[] dhSessionKey(BigInteger ownPrivateExponent, PublicKeyData.Dh peer) {
        BigInteger p = peer.p();
        BigInteger y = peer.y();
        if (p.signum() <= 0 || p.bitLength() < 512 || y.compareTo(BigInteger.TWO) < 0
                || y.compareTo(p.subtract(BigInteger.TWO)) > 0) {
            throw new ProtocolException(ResponseCodes.INVALID_SESSIONSETUP_REQUEST,
                    "DH public key: y outside 2..p-2 or p shorter than 512 bits");
        }
        return sessionKey(y.modPow(ownPrivateExponent, p));
    }

    /** First 32 octets of the shared secret written big-endian without leading zero octets (§15). */
    public static byte[] sessionKey(BigInteger sharedSecret) {
        byte[] b = sharedSecret.toByteArray();
        int from = 0;
        while (from < b.length && b[from] == 0) {
            from++;
        }
        if (b.length - from < SESSION_KEY_LENGTH) {
            throw new ProtocolException(ResponseCodes.SESSION_FAILED,
                    "DH shared secret: " + (b.length - from) + " octets (expected: >= 32)");
        }
        return Arrays.copyOfRange(b, from, from + SESSION_KEY_LENGTH);
    }

    /** The data of a mode-4 setup response (>= 2.4, §15): {@code int4 algorithm || DH_PUB_KEY}. */
    public record DhSetupData(int algorithm, PublicKeyData.Dh key) {
        public byte[] encode() {
            ByteBuf out = Unpooled.buffer();
            out.writeInt(algorithm);
            PublicKeyCodec.encode(key, out);
            return Bytes.toArray(out);
        }

        public static DhSetupData decode(byte[] data) {
            ByteBuf in = Unpooled.wrappedBuffer(data);
            int algorithm = Wire.int4(in, "session algorithm");
            PublicKeyData key = PublicKeyCodec.decode(in);
            if (!(key instanceof PublicKeyData.Dh dh)) {
                throw new ProtocolException(ResponseCodes.INVALID_SESSIONSETUP_REQUEST,
                        "session key type: " + key.keyType() + " (expected: " + PublicKeyData.DH + ")");
            }
            if (in.isReadable()) {
                throw ProtocolException.malformed("session data trailing octets", in.readableBytes(), "0");
            }
            return new DhSetupData(algorithm, dh);
        }
    }

    private static SecretKeySpec aesKey(byte[] sessionKey) {
        if (sessionKey == null || sessionKey.length < AES_KEY_LENGTH) {
            throw new ProtocolException(ResponseCodes.SESSION_FAILED, "session key: shorter than 16 octets");
        }
        return new SecretKeySpec(sessionKey, 0, AES_KEY_LENGTH, "AES");
    }
}
