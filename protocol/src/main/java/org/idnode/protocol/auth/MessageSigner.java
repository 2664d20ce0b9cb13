package org.idnode.protocol.auth;

import io.netty.buffer.ByteBuf;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;
import org.idnode.protocol.Limits;
import org.idnode.protocol.ProtocolException;
import org.idnode.protocol.ResponseCodes;
import org.idnode.protocol.codec.EnvelopeCodec;
import org.idnode.protocol.codec.MessageCodec;
import org.idnode.protocol.model.Credential;
import org.idnode.protocol.model.Envelope;

/**
 * Credentials of handle-protocol.md §9: HS_SIGNED with a server's RSA or DSA key, and HS_MAC
 * (HMAC-SHA256 with the session key, §15). Both cover {@link SignedData}.
 *
 * <p>Signing works on an encoded message in place: envelope + message from the reader index to
 * the writer index, as {@code MessageCodec.encode} writes it. Verifying returns {@code false} for a
 * signature or MAC that does not match, and throws {@link ProtocolException} for a credential it
 * cannot even check (missing, wrong type, unknown algorithm: RC_INVALID_CREDENTIAL, §7).
 */
public final class MessageSigner {
    /** Credential type name of legacy DSA signers; CNRI still accepts it (§9). */
    public static final String HS_DSAPUBKEY = "HS_DSAPUBKEY";
    public static final String HMAC_SHA256 = "HMAC-SHA256";

    private MessageSigner() {
    }

    /**
     * Signs with {@code key} and writes an HS_SIGNED credential, replacing any credential the
     * message had. Digest per §9: SHA-256 from 2.7 on (DSA: from 2.11), SHA-1 below, judged by the
     * envelope the message travels in. {@code sessionCounter} goes in the signer-index slot (0
     * outside sessions).
     */
    public static void sign(ByteBuf encoded, PrivateKey key, int sessionCounter) {
        Envelope envelope = envelopeOf(encoded);
        String digest = Algorithms.signatureDigestFor(envelope.version(), key.getAlgorithm());
        byte[] data = SignedData.of(encoded, sessionCounter);
        byte[] signature;
        try {
            Signature s = Signature.getInstance(Algorithms.jcaSignature(digest, key.getAlgorithm()));
            s.initSign(key);
            s.update(data);
            signature = s.sign();
        } catch (GeneralSecurityException e) {
            throw new ProtocolException(ResponseCodes.ERROR, "signing: " + e);
        }
        replaceCredential(encoded, Credential.signed(digest, signature, sessionCounter));
    }

    /** Checks an HS_SIGNED credential (decoded from {@code encoded}) against the signer's public key. */
    public static boolean verify(ByteBuf encoded, Credential credential, PublicKey key) {
        requireType(credential, Credential.HS_SIGNED, HS_DSAPUBKEY);
        return verifySignature(SignedData.of(encoded, credential.signerIndex()), credential, key);
    }

    /** As {@link #verify(ByteBuf, Credential, PublicKey)} for a message given as envelope + octets after it. */
    public static boolean verify(Envelope envelope, ByteBuf message, Credential credential, PublicKey key) {
        requireType(credential, Credential.HS_SIGNED, HS_DSAPUBKEY);
        return verifySignature(SignedData.of(envelope, message, credential.signerIndex()), credential, key);
    }

    private static boolean verifySignature(byte[] data, Credential credential, PublicKey key) {
        String alg = Algorithms.jcaSignature(credential.digestAlgorithm(), key.getAlgorithm());
        try {
            Signature s = Signature.getInstance(alg);
            s.initVerify(key);
            s.update(data);
            return s.verify(credential.signature());
        } catch (SignatureException e) {
            // A signature that does not even parse (e.g. bad DSA DER) is simply not valid.
            return false;
        } catch (GeneralSecurityException e) {
            throw new ProtocolException(ResponseCodes.INVALID_CREDENTIAL, "signature " + alg + ": " + e);
        }
    }

    /** Writes an HS_MAC credential: HMAC-SHA256 keyed with the 32-octet session key (§9, §15). */
    public static void mac(ByteBuf encoded, byte[] sessionKey, int sessionCounter) {
        byte[] mac = Algorithms.hmac("HmacSHA256", checkedKey(sessionKey), SignedData.of(encoded, sessionCounter));
        replaceCredential(encoded, new Credential(0, 0, 0, "", sessionCounter, Credential.HS_MAC, HMAC_SHA256, mac));
    }

    /** Checks an HS_MAC credential; the counter it covers is the credential's own signer index. */
    public static boolean verifyMac(ByteBuf encoded, Credential credential, byte[] sessionKey) {
        requireMac(credential);
        return macMatches(SignedData.of(encoded, credential.signerIndex()), credential, sessionKey);
    }

    /** As {@link #verifyMac(ByteBuf, Credential, byte[])} for envelope + octets after it (e.g. decrypted). */
    public static boolean verifyMac(Envelope envelope, ByteBuf message, Credential credential, byte[] sessionKey) {
        requireMac(credential);
        return macMatches(SignedData.of(envelope, message, credential.signerIndex()), credential, sessionKey);
    }

    private static boolean macMatches(byte[] data, Credential credential, byte[] sessionKey) {
        byte[] expected = Algorithms.hmac("HmacSHA256", checkedKey(sessionKey), data);
        return MessageDigest.isEqual(expected, credential.signature());
    }

    private static void requireMac(Credential credential) {
        requireType(credential, Credential.HS_MAC);
        // Legacy SHA-1 MACs of 2.5/2.6 peers (§9) are not produced by any peer we serve.
        if (!HMAC_SHA256.equalsIgnoreCase(credential.digestAlgorithm())) {
            throw new ProtocolException(ResponseCodes.INVALID_CREDENTIAL,
                    "MAC algorithm: " + credential.digestAlgorithm() + " (expected: " + HMAC_SHA256 + ")");
        }
    }

    private static void requireType(Credential credential, String... types) {
        if (credential == null) {
            throw new ProtocolException(ResponseCodes.INVALID_CREDENTIAL, "credential: none (expected: " + types[0] + ")");
        }
        for (String t : types) {
            if (t.equals(credential.type())) {
                return;
            }
        }
        throw new ProtocolException(ResponseCodes.INVALID_CREDENTIAL,
                "credential type: " + credential.type() + " (expected: " + types[0] + ")");
    }

    private static byte[] checkedKey(byte[] sessionKey) {
        // The MAC key is the whole 32-octet session key (§15).
        if (sessionKey == null || sessionKey.length != SessionCipher.SESSION_KEY_LENGTH) {
            throw new ProtocolException(ResponseCodes.INVALID_SESSION_KEY, "session key: "
                    + (sessionKey == null ? "none" : sessionKey.length + " octets") + " (expected: 32 octets)");
        }
        return sessionKey;
    }

    private static Envelope envelopeOf(ByteBuf encoded) {
        if (encoded.readableBytes() < Limits.ENVELOPE_SIZE) {
            throw ProtocolException.malformed("message", encoded.readableBytes(), ">= " + Limits.ENVELOPE_SIZE + " octets");
        }
        return EnvelopeCodec.decode(encoded.slice(encoded.readerIndex(), Limits.ENVELOPE_SIZE));
    }

    /**
     * Cuts the message after its credential length field (wherever the body ends, §4) and writes
     * {@code c} there via {@link MessageCodec#replaceCredential}, which also fixes messageLength.
     */
    private static void replaceCredential(ByteBuf encoded, Credential c) {
        int start = encoded.readerIndex();
        ByteBuf message = encoded.slice(start + Limits.ENVELOPE_SIZE, encoded.readableBytes() - Limits.ENVELOPE_SIZE);
        int lengthAt = start + Limits.ENVELOPE_SIZE + SignedData.headerAndBody(message).readableBytes();
        if (lengthAt + 4 > encoded.writerIndex()) {
            throw ProtocolException.malformed("credential length", encoded.writerIndex() - lengthAt, "4 octets");
        }
        encoded.setInt(lengthAt, 0);
        encoded.writerIndex(lengthAt + 4);
        MessageCodec.replaceCredential(encoded, start, c);
    }
}
