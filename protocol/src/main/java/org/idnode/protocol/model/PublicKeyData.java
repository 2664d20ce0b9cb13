package org.idnode.protocol.model;

import java.math.BigInteger;

/**
 * HS_PUBKEY data (handle-protocol.md §10): a key type name, a reserved int2, then big-endian
 * integers in Java BigInteger form. DH keys appear in session setup (§15).
 */
public sealed interface PublicKeyData {
    String RSA = "RSA_PUB_KEY";
    String DSA = "DSA_PUB_KEY";
    String DH = "DH_PUB_KEY";

    String keyType();

    /** RSA [CNRI addition]: exponent then modulus. */
    record Rsa(BigInteger exponent, BigInteger modulus) implements PublicKeyData {
        @Override
        public String keyType() {
            return RSA;
        }
    }

    /** DSA: q, p, g, y. */
    record Dsa(BigInteger q, BigInteger p, BigInteger g, BigInteger y) implements PublicKeyData {
        @Override
        public String keyType() {
            return DSA;
        }
    }

    /** Diffie-Hellman: y, p, g. */
    record Dh(BigInteger y, BigInteger p, BigInteger g) implements PublicKeyData {
        @Override
        public String keyType() {
            return DH;
        }
    }
}
