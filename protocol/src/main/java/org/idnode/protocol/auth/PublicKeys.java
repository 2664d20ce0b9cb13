package org.idnode.protocol.auth;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.DSAParams;
import java.security.interfaces.DSAPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.DSAPublicKeySpec;
import java.security.spec.KeySpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import javax.crypto.interfaces.DHPublicKey;
import javax.crypto.spec.DHPublicKeySpec;
import org.idnode.protocol.ProtocolException;
import org.idnode.protocol.ResponseCodes;
import org.idnode.protocol.codec.PublicKeyCodec;
import org.idnode.protocol.model.PublicKeyData;

/**
 * Between the HS_PUBKEY model / encoding (handle-protocol.md §10: {@code RSA_PUB_KEY} e, n;
 * {@code DSA_PUB_KEY} q, p, g, y; {@code DH_PUB_KEY} y, p, g) and JCA keys. A key the JDK refuses,
 * or with a non-positive integer, is RC_PROTOCOL_ERROR like any other undecodable value.
 */
public final class PublicKeys {
    private PublicKeys() {
    }

    public static PublicKey toJava(PublicKeyData key) {
        if (key instanceof PublicKeyData.Rsa r) {
            positive(r.modulus(), "RSA n");
            positive(r.exponent(), "RSA e");
            return generate("RSA", new RSAPublicKeySpec(r.modulus(), r.exponent()));
        }
        if (key instanceof PublicKeyData.Dsa d) {
            positive(d.p(), "DSA p");
            positive(d.q(), "DSA q");
            positive(d.g(), "DSA g");
            positive(d.y(), "DSA y");
            return generate("DSA", new DSAPublicKeySpec(d.y(), d.p(), d.q(), d.g()));
        }
        PublicKeyData.Dh h = (PublicKeyData.Dh) key;
        positive(h.p(), "DH p");
        positive(h.g(), "DH g");
        positive(h.y(), "DH y");
        return generate("DH", new DHPublicKeySpec(h.y(), h.p(), h.g()));
    }

    public static PublicKeyData fromJava(PublicKey key) {
        if (key instanceof RSAPublicKey r) {
            return new PublicKeyData.Rsa(r.getPublicExponent(), r.getModulus());
        }
        if (key instanceof DSAPublicKey d) {
            DSAParams p = d.getParams();
            return new PublicKeyData.Dsa(p.getQ(), p.getP(), p.getG(), d.getY());
        }
        if (key instanceof DHPublicKey h) {
            return new PublicKeyData.Dh(h.getY(), h.getParams().getP(), h.getParams().getG());
        }
        throw new ProtocolException(ResponseCodes.ERROR,
                "public key: " + (key == null ? "none" : key.getAlgorithm()) + " (expected: RSA, DSA or DH)");
    }

    /** HS_PUBKEY value data to a JCA key. */
    public static PublicKey decode(byte[] hsPubkey) {
        return toJava(PublicKeyCodec.decode(hsPubkey));
    }

    /** A JCA key to HS_PUBKEY value data (integers in BigInteger form, with sign octet, as CNRI writes them). */
    public static byte[] encode(PublicKey key) {
        return PublicKeyCodec.encode(fromJava(key));
    }

    /** A PKCS#8 DER private key (RSA or DSA), e.g. a server key from configuration. */
    public static PrivateKey privateKey(byte[] pkcs8) {
        for (String alg : new String[] {"RSA", "DSA"}) {
            try {
                return KeyFactory.getInstance(alg).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
            } catch (GeneralSecurityException | RuntimeException e) {
                // try the next algorithm
            }
        }
        throw ProtocolException.malformed("private key: not a PKCS#8 RSA or DSA key");
    }

    private static void positive(BigInteger v, String field) {
        if (v.signum() <= 0) {
            throw ProtocolException.malformed("HS_PUBKEY " + field + ": not a positive integer");
        }
    }

    private static PublicKey generate(String alg, KeySpec spec) {
        try {
            return KeyFactory.getInstance(alg).generatePublic(spec);
        } catch (GeneralSecurityException | RuntimeException e) {
            throw ProtocolException.malformed("HS_PUBKEY " + alg + ": " + e.getMessage());
        }
    }
}
