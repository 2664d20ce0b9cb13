package org.idnode.node.service;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.Arrays;
import javax.crypto.Cipher;
import org.idnode.protocol.ProtocolException;
import org.idnode.protocol.ResponseCodes;
import org.idnode.protocol.auth.SessionCipher;

/**
 * A session key sent encrypted with an RSA key (§8.8 modes 1 and 2): {@code int4 algorithm || key}
 * (2.2 and later), RSA with PKCS#1 v1.5 padding. Only AES (algorithm 3) is taken: DES and 3DES
 * sessions are refused everywhere else too.
 */
final class KeyTransport {
    private static final int MIN_KEY = 16;

    private KeyTransport() {
    }

    static byte[] encrypt(PublicKey to, byte[] key) {
        try {
            Cipher c = Cipher.getInstance("RSA/ECB/PKCS1Padding");
            c.init(Cipher.ENCRYPT_MODE, to);
            return c.doFinal(ByteBuffer.allocate(4 + key.length).putInt(SessionCipher.ALG_AES).put(key).array());
        } catch (GeneralSecurityException e) {
            throw new ProtocolException(ResponseCodes.SESSION_FAILED, "encrypting the session key: " + e.getMessage());
        }
    }

    /** The key in {@code sealed}; RC 501 when it can't be opened or is not an AES key of 16..64 octets. */
    static byte[] decrypt(PrivateKey with, byte[] sealed) {
        byte[] plain;
        try {
            Cipher c = Cipher.getInstance("RSA/ECB/PKCS1Padding");
            c.init(Cipher.DECRYPT_MODE, with);
            plain = c.doFinal(sealed);
        } catch (GeneralSecurityException e) {
            throw new ProtocolException(ResponseCodes.SESSION_FAILED, "the session key does not decrypt with the node key");
        }
        if (plain.length < 4 + MIN_KEY || plain.length > 4 + 64) {
            throw new ProtocolException(ResponseCodes.SESSION_FAILED,
                    "session key: " + (plain.length - 4) + " octets (expected: 16..64)");
        }
        int algorithm = ByteBuffer.wrap(plain).getInt();
        if (algorithm != SessionCipher.ALG_AES) {
            throw new ProtocolException(ResponseCodes.SESSION_FAILED,
                    "session cipher: " + algorithm + " (expected: " + SessionCipher.ALG_AES + ", AES)");
        }
        return Arrays.copyOfRange(plain, 4, plain.length);
    }
}
