package org.idnode.protocol.auth;

import io.netty.buffer.ByteBuf;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;
import org.idnode.protocol.ProtocolException;
import org.idnode.protocol.ResponseCodes;
import org.idnode.protocol.codec.Wire;

/**
 * The passphrase encryptions of the official library's private key files, after the {@code int4}
 * type that {@link PrivateKeyFiles} reads. Worked out from files the library writes (9.3.1):
 * <ul>
 *   <li>0 DES-ECB: the ciphertext alone; key = the first 8 octets of MD5(passphrase);</li>
 *   <li>2 DES-CBC: 8 octets of IV, then the ciphertext; same key;</li>
 *   <li>3 PBKDF2 DESede-CBC and 4 PBKDF2 AES-CBC (the library's default for new files):
 *       {@code bytes salt} (16), {@code int4 iterations} (10,000), {@code int4 keyBits} (192 / 128),
 *       {@code bytes iv} (8 / 16), {@code bytes ciphertext}; key = PBKDF2-HMAC-SHA1.</li>
 * </ul>
 * All pad with PKCS#5. For PBKDF2 the library turns each passphrase octet into the character of
 * that code point, which PBKDF2 then encodes as UTF-8: ASCII passphrases are used octet for octet,
 * others are not, and we do the same so that any passphrase opens a file in both.
 */
final class KeyFileCiphers {
    static final int PBKDF2_SALT_LENGTH = 16;
    static final int PBKDF2_ITERATIONS = 10_000;
    static final int AES_KEY_BITS = 128;
    /**
     * A bound of ours on what a file may ask for: ten times the library's current count would still
     * open, and a damaged or hostile count costs at most about a second, not hours.
     */
    static final int MAX_ITERATIONS = 1_000_000;
    private static final int MAX_SALT_LENGTH = 1024;

    private KeyFileCiphers() {
    }

    /** Type 4, the form the library writes today: PBKDF2-HMAC-SHA1, 16-octet salt, AES-128-CBC. */
    static void writeAes(ByteBuf out, byte[] plain, byte[] passphrase, SecureRandom random) {
        byte[] salt = new byte[PBKDF2_SALT_LENGTH];
        byte[] iv = new byte[16];
        random.nextBytes(salt);
        random.nextBytes(iv);
        byte[] key = pbkdf2(passphrase, salt, PBKDF2_ITERATIONS, AES_KEY_BITS);
        byte[] ciphertext = run(Cipher.ENCRYPT_MODE, "AES/CBC/PKCS5Padding", new SecretKeySpec(key, "AES"), iv, plain);
        Arrays.fill(key, (byte) 0);
        Wire.writeBytes(out, salt);
        out.writeInt(PBKDF2_ITERATIONS);
        out.writeInt(AES_KEY_BITS);
        Wire.writeBytes(out, iv);
        Wire.writeBytes(out, ciphertext);
    }

    /** The plain key octets of a type 0, 2, 3 or 4 body; a wrong passphrase is RC 403. */
    static byte[] read(int type, ByteBuf in, byte[] passphrase) {
        return switch (type) {
            case PrivateKeyFiles.ENCRYPT_DES_ECB -> des("DES/ECB/PKCS5Padding", null, rest(in, 8), passphrase);
            case PrivateKeyFiles.ENCRYPT_DES_CBC -> {
                byte[] iv = new byte[8];
                need(in, iv.length, "DES IV");
                in.readBytes(iv);
                yield des("DES/CBC/PKCS5Padding", iv, rest(in, 8), passphrase);
            }
            case PrivateKeyFiles.ENCRYPT_PBKDF2_DESEDE_CBC -> pbkdf2Body(in, passphrase, "DESede", 8, 192, 192);
            case PrivateKeyFiles.ENCRYPT_PBKDF2_AES_CBC -> pbkdf2Body(in, passphrase, "AES", 16, 128, 256);
            default -> throw new IllegalStateException("encryption type " + type);
        };
    }

    private static byte[] pbkdf2Body(ByteBuf in, byte[] passphrase, String cipher, int blockSize, int minBits,
            int maxBits) {
        byte[] salt = Wire.bytes(in, field("PBKDF2 salt"), MAX_SALT_LENGTH);
        if (salt.length == 0) {
            throw ProtocolException.malformed(field("PBKDF2 salt length"), 0, "1.." + MAX_SALT_LENGTH);
        }
        int iterations = Wire.int4(in, field("PBKDF2 iterations"));
        if (iterations < 1 || iterations > MAX_ITERATIONS) {
            throw ProtocolException.malformed(field("PBKDF2 iterations"), iterations, "1.." + MAX_ITERATIONS);
        }
        int keyBits = Wire.int4(in, field("PBKDF2 key bits"));
        if (keyBits < minBits || keyBits > maxBits || keyBits % 64 != 0) {
            throw ProtocolException.malformed(field(cipher + " key bits"), keyBits,
                    minBits == maxBits ? String.valueOf(minBits) : "128, 192 or 256");
        }
        byte[] iv = Wire.bytes(in, field(cipher + " IV"), blockSize);
        if (iv.length != blockSize) {
            throw ProtocolException.malformed(field(cipher + " IV length"), iv.length, String.valueOf(blockSize));
        }
        byte[] ciphertext = Wire.bytes(in, field("ciphertext"), PrivateKeyFiles.MAX_FILE_LENGTH);
        if (in.isReadable()) {
            throw ProtocolException.malformed(field("trailing octets"), in.readableBytes(), "0");
        }
        blocks(ciphertext.length, blockSize);
        byte[] key = pbkdf2(passphrase, salt, iterations, keyBits);
        try {
            return run(Cipher.DECRYPT_MODE, cipher + "/CBC/PKCS5Padding", new SecretKeySpec(key, cipher), iv, ciphertext);
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    private static byte[] des(String transformation, byte[] iv, byte[] ciphertext, byte[] passphrase) {
        byte[] key = Arrays.copyOf(Algorithms.digest("MD5", passphrase), 8);
        try {
            return run(Cipher.DECRYPT_MODE, transformation, new SecretKeySpec(key, "DES"), iv, ciphertext);
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    /** What is left of the file: a whole number of cipher blocks, at least one. */
    private static byte[] rest(ByteBuf in, int blockSize) {
        blocks(in.readableBytes(), blockSize);
        byte[] b = new byte[in.readableBytes()];
        in.readBytes(b);
        return b;
    }

    private static void blocks(int length, int blockSize) {
        if (length == 0 || length % blockSize != 0) {
            throw ProtocolException.malformed(field("ciphertext length"), length,
                    "a positive multiple of " + blockSize);
        }
    }

    private static void need(ByteBuf in, int n, String what) {
        if (in.readableBytes() < n) {
            throw ProtocolException.malformed(field(what), in.readableBytes(), n + " more octets");
        }
    }

    static byte[] pbkdf2(byte[] passphrase, byte[] salt, int iterations, int keyBits) {
        char[] chars = new char[passphrase.length];
        for (int i = 0; i < passphrase.length; i++) {
            chars[i] = (char) (passphrase[i] & 0xFF); // the library's octet-to-character step, see above
        }
        PBEKeySpec spec = new PBEKeySpec(chars, salt, iterations, keyBits);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA1").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new ProtocolException(ResponseCodes.ERROR, "private key file: PBKDF2: " + e.getMessage());
        } finally {
            spec.clearPassword();
            Arrays.fill(chars, '\0');
        }
    }

    private static byte[] run(int mode, String transformation, SecretKeySpec key, byte[] iv, byte[] input) {
        try {
            Cipher c = Cipher.getInstance(transformation);
            if (iv == null) {
                c.init(mode, key);
            } else {
                c.init(mode, key, new IvParameterSpec(iv));
            }
            return c.doFinal(input);
        } catch (javax.crypto.BadPaddingException e) {
            // A wrong passphrase almost always breaks the padding; the rare one that doesn't yields
            // octets the key decoder refuses.
            throw new ProtocolException(ResponseCodes.AUTHENTICATION_FAILED,
                    "private key file: can't decrypt (expected: the passphrase it was written with)");
        } catch (GeneralSecurityException e) {
            throw new ProtocolException(ResponseCodes.ERROR, "private key file: " + transformation + ": " + e);
        }
    }

    private static String field(String name) {
        return "private key file: " + name;
    }
}
