package org.idnode.protocol.auth;

import java.io.ByteArrayOutputStream;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.PBEParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.idnode.protocol.ProtocolException;

/**
 * PEM files for other tools (OpenSSL, curl, JOSE libraries): PKCS#8 {@code PRIVATE KEY}, PKCS#8
 * {@code ENCRYPTED PRIVATE KEY} (PBES2: PBKDF2-HMAC-SHA256, AES-256-CBC) and X.509
 * {@code PUBLIC KEY}. The JDK gives the DER ({@code getEncoded}) but no armour, and its PBES2
 * cipher refuses non-ASCII passwords, so the encryption is done here from its parts.
 */
public final class KeyPem {
    public static final String PRIVATE_KEY = "PRIVATE KEY";
    public static final String ENCRYPTED_PRIVATE_KEY = "ENCRYPTED PRIVATE KEY";
    public static final String PUBLIC_KEY = "PUBLIC KEY";
    /** OWASP's 2023 figure for PBKDF2-HMAC-SHA256: about half a second to open, once per use. */
    public static final int PBKDF2_ITERATIONS = 600_000;
    /** A PEM file of a 16,384-bit key is under 16 KiB; more is not a key file. */
    public static final int MAX_PEM_LENGTH = 262_144;

    /** DER of OID 1.2.840.113549.1.5.13 (PKCS#5 PBES2). */
    private static final byte[] PBES2_OID = {0x06, 0x09, 0x2A, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xF7, 0x0D, 0x01,
        0x05, 0x0D};

    private KeyPem() {
    }

    /** {@code -----BEGIN label-----}, base64 in 64-character lines, {@code -----END label-----}, LF line ends. */
    public static String armour(String label, byte[] der) {
        String body = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der);
        return "-----BEGIN " + label + "-----\n" + body + "\n-----END " + label + "-----\n";
    }

    /** The DER in the first {@code label} block of a PEM text; other blocks and text around are ignored. */
    public static byte[] dearmour(String pem, String label) {
        if (pem.length() > MAX_PEM_LENGTH) {
            throw ProtocolException.malformed("PEM: length", pem.length(), "at most " + MAX_PEM_LENGTH + " characters");
        }
        String begin = "-----BEGIN " + label + "-----";
        String end = "-----END " + label + "-----";
        int from = pem.indexOf(begin);
        int to = from < 0 ? -1 : pem.indexOf(end, from + begin.length());
        if (to < 0) {
            throw ProtocolException.malformed("PEM: no " + label + " block (expected: " + begin + " ... " + end + ")");
        }
        String body = pem.substring(from + begin.length(), to);
        if (body.indexOf(':') >= 0) {
            throw ProtocolException.malformed("PEM: " + label + " has headers, a legacy OpenSSL form (expected: PKCS#8)");
        }
        try {
            return Base64.getDecoder().decode(body.replaceAll("[ \t\r\n]", ""));
        } catch (IllegalArgumentException e) {
            throw ProtocolException.malformed("PEM: " + label + ": " + e.getMessage() + " (expected: base64)");
        }
    }

    /** Unencrypted PKCS#8. */
    public static String privateKey(PrivateKey key) {
        return armour(PRIVATE_KEY, key.getEncoded());
    }

    /** X.509 SubjectPublicKeyInfo. */
    public static String publicKey(PublicKey key) {
        return armour(PUBLIC_KEY, key.getEncoded());
    }

    /**
     * PKCS#8 encrypted with PBES2 (PBKDF2-HMAC-SHA256, 16-octet salt, {@link #PBKDF2_ITERATIONS},
     * AES-256-CBC), the form {@code openssl pkcs8 -topk8 -v2 aes256} writes. The passphrase is used
     * as UTF-8, as OpenSSL takes it from a terminal or a file.
     */
    public static String encryptedPrivateKey(PrivateKey key, String passphrase, SecureRandom random) {
        if (passphrase.isEmpty()) {
            throw new IllegalArgumentException("passphrase: empty (expected: a passphrase)");
        }
        byte[] salt = new byte[16];
        byte[] iv = new byte[16];
        random.nextBytes(salt);
        random.nextBytes(iv);
        char[] chars = passphrase.toCharArray();
        PBEKeySpec spec = new PBEKeySpec(chars, salt, PBKDF2_ITERATIONS, 256);
        byte[] aesKey = null;
        byte[] pkcs8 = key.getEncoded();
        try {
            // PBKDF2WithHmacSHA256 encodes the characters as UTF-8, which is what OpenSSL hashes.
            aesKey = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
            Cipher aes = Cipher.getInstance("AES/CBC/PKCS5Padding");
            aes.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(aesKey, "AES"), new IvParameterSpec(iv));
            byte[] ciphertext = aes.doFinal(pkcs8);
            // The JDK writes PBES2-params (PBKDF2 and AES-256-CBC with salt, count, IV) for us.
            AlgorithmParameters params = AlgorithmParameters.getInstance("PBEWithHmacSHA256AndAES_256");
            params.init(new PBEParameterSpec(salt, PBKDF2_ITERATIONS, new IvParameterSpec(iv)));
            byte[] algorithm = Der.sequence(PBES2_OID, params.getEncoded());
            return armour(ENCRYPTED_PRIVATE_KEY, Der.sequence(algorithm, Der.octetString(ciphertext)));
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new IllegalStateException("PBES2 with the JDK's own algorithms: " + e, e);
        } finally {
            spec.clearPassword();
            Arrays.fill(chars, '\0');
            Arrays.fill(pkcs8, (byte) 0);
            if (aesKey != null) {
                Arrays.fill(aesKey, (byte) 0);
            }
        }
    }

    /** An unencrypted PKCS#8 RSA or DSA key. */
    public static PrivateKey readPrivateKey(String pem) {
        return PublicKeys.privateKey(dearmour(pem, PRIVATE_KEY));
    }

    /** An X.509 RSA or DSA public key. */
    public static PublicKey readPublicKey(String pem) {
        byte[] der = dearmour(pem, PUBLIC_KEY);
        for (String algorithm : new String[] {"RSA", "DSA"}) {
            try {
                return KeyFactory.getInstance(algorithm).generatePublic(new X509EncodedKeySpec(der));
            } catch (GeneralSecurityException | RuntimeException e) {
                // try the next algorithm
            }
        }
        throw ProtocolException.malformed("PEM: PUBLIC KEY is not an RSA or DSA key (expected: X.509 RSA or DSA)");
    }

    /** The three DER shapes the encrypted form needs, with definite lengths. */
    private static final class Der {
        private Der() {
        }

        static byte[] sequence(byte[]... parts) {
            ByteArrayOutputStream content = new ByteArrayOutputStream();
            for (byte[] p : parts) {
                content.writeBytes(p);
            }
            return element(0x30, content.toByteArray());
        }

        static byte[] octetString(byte[] b) {
            return element(0x04, b);
        }

        private static byte[] element(int tag, byte[] content) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(content.length + 6);
            out.write(tag);
            int n = content.length;
            if (n < 0x80) {
                out.write(n);
            } else {
                int octets = n < 0x100 ? 1 : n < 0x10000 ? 2 : n < 0x1000000 ? 3 : 4;
                out.write(0x80 | octets);
                for (int i = octets - 1; i >= 0; i--) {
                    out.write(n >>> (8 * i));
                }
            }
            out.writeBytes(content);
            return out.toByteArray();
        }
    }
}
