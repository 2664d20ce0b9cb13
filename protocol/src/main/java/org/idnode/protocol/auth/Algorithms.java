package org.idnode.protocol.auth;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.idnode.protocol.ProtocolException;
import org.idnode.protocol.ResponseCodes;
import org.idnode.protocol.model.ProtocolVersion;

/**
 * Algorithm names shared by credentials (§9) and challenge answers (§14): the digest name that
 * travels on the wire ({@code SHA-256}, {@code SHA1}, {@code MD5}) and the JCA names behind it.
 */
final class Algorithms {
    static final String SHA256 = "SHA-256";
    static final String SHA1 = "SHA1";
    static final String MD5 = "MD5";

    private Algorithms() {
    }

    /**
     * Digest name for a signature we make (§9, §14): SHA-256 from 2.7 on, except DSA, which CNRI
     * signs with SHA-256 only for peers >= 2.11; SHA-1 below.
     */
    static String signatureDigestFor(ProtocolVersion version, String keyAlgorithm) {
        if (!version.atLeast(2, 7)) {
            return SHA1;
        }
        if ("DSA".equalsIgnoreCase(keyAlgorithm)) {
            return version.atLeast(2, 11) ? SHA256 : SHA1;
        }
        return SHA256;
    }

    /** The JCA signature algorithm for a wire digest name and a key algorithm; unknown ones are RC 404. */
    static String jcaSignature(String digestName, String keyAlgorithm) {
        String key = keyAlgorithm == null ? "" : keyAlgorithm.toUpperCase(java.util.Locale.ROOT);
        if (!key.equals("RSA") && !key.equals("DSA")) {
            throw new ProtocolException(ResponseCodes.INVALID_CREDENTIAL,
                    "key algorithm: " + keyAlgorithm + " (expected: RSA or DSA)");
        }
        String digest = switch (digestName == null ? "" : digestName.toUpperCase(java.util.Locale.ROOT)) {
            case "SHA-256", "SHA256" -> "SHA256";
            case "SHA1", "SHA-1", "SHA" -> "SHA1";
            // MD5withDSA does not exist; only very old RSA signers used MD5.
            case "MD5" -> key.equals("RSA") ? "MD5" : null;
            default -> null;
        };
        if (digest == null) {
            throw new ProtocolException(ResponseCodes.INVALID_CREDENTIAL,
                    "digest algorithm: " + digestName + " (expected: SHA-256, SHA1 or MD5 with RSA)");
        }
        return digest + "with" + key;
    }

    static byte[] digest(String jcaName, byte[]... parts) {
        try {
            MessageDigest md = MessageDigest.getInstance(jcaName);
            for (byte[] p : parts) {
                md.update(p);
            }
            return md.digest();
        } catch (GeneralSecurityException e) {
            throw new ProtocolException(ResponseCodes.ERROR, "digest " + jcaName + ": " + e);
        }
    }

    /** HMAC with an arbitrary key; an empty key (which JCA refuses) is RC 403, it cannot authenticate anyone. */
    /**
     * One Mac per thread and algorithm: {@code Mac.getInstance} walks the provider list on every call,
     * which cost more than the HMAC of a session request itself (a MAC is checked and made per request).
     */
    private static final ThreadLocal<java.util.Map<String, Mac>> MACS = ThreadLocal.withInitial(java.util.HashMap::new);

    private static Mac mac(String jcaName) throws GeneralSecurityException {
        java.util.Map<String, Mac> cache = MACS.get();
        Mac mac = cache.get(jcaName);
        if (mac == null) {
            mac = Mac.getInstance(jcaName);
            cache.put(jcaName, mac);
        }
        return mac;
    }

    static byte[] hmac(String jcaName, byte[] key, byte[]... parts) {
        if (key == null || key.length == 0) {
            throw new ProtocolException(ResponseCodes.AUTHENTICATION_FAILED, "HMAC key: empty");
        }
        try {
            Mac mac = mac(jcaName);
            mac.init(new SecretKeySpec(key, jcaName));
            for (byte[] p : parts) {
                mac.update(p);
            }
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new ProtocolException(ResponseCodes.ERROR, jcaName + ": " + e);
        }
    }

    static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }
}
