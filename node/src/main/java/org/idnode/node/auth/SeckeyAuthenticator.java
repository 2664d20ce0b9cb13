package org.idnode.node.auth;

import org.idnode.protocol.ProtocolException;
import org.idnode.protocol.ResponseCodes;
import org.idnode.protocol.auth.ChallengeAnswers;
import org.idnode.protocol.message.ChallengeAnswerRequest;
import org.idnode.protocol.model.HandleValue;
import org.idnode.protocol.model.ValueTypes;

/**
 * HS_SECKEY answers (§14): a MAC over nonce || digest keyed with the shared secret, in any of the
 * forms clients send (PBKDF2-HMAC-SHA1 from 2.7, SHA-1, MD5, HMAC-SHA1, HMAC-SHA256). The secret must
 * live here; CNRI would ask the identity's own server with OC 201, which this node answers but does
 * not send.
 */
public final class SeckeyAuthenticator implements Authenticator {
    private final KeyValues values;

    public SeckeyAuthenticator(KeyValues values) {
        this.values = values;
    }

    @Override
    public String authType() {
        return ChallengeAnswerRequest.HS_SECKEY;
    }

    @Override
    public Identity verify(ChallengeAnswerRequest answer, byte[] nonce, byte[] digest) {
        Identity id = check(answer.identityHandle(), answer.identityIndex(), answer.response(), nonce, digest);
        if (id == null) {
            throw new ProtocolException(ResponseCodes.AUTHENTICATION_FAILED,
                    "the answer does not match the HS_SECKEY of " + answer.identityIndex() + ":" + answer.identityHandle());
        }
        return id;
    }

    /**
     * The identity whose HS_SECKEY is {@code secret} (REST Basic authorization, §18, where the client
     * sends the secret itself), or null. Compared as SHA-256 digests with a constant-time compare, so
     * neither the secret's octets nor its length show in the time taken.
     */
    public Identity checkSecret(String handle, int index, byte[] secret) {
        if (secret.length == 0) {
            return null;
        }
        byte[] given = sha256(secret);
        for (HandleValue v : KeyLookup.candidates(values, handle, index, ValueTypes.HS_SECKEY)) {
            if (v.dataLength() > 0 && java.security.MessageDigest.isEqual(sha256(v.data()), given)) {
                return new Identity(handle, v.index());
            }
        }
        return null;
    }

    private static byte[] sha256(byte[] b) {
        try {
            return java.security.MessageDigest.getInstance("SHA-256").digest(b);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** The identity whose secret made {@code response}, or null; also what OC 201 (verify) asks. */
    public Identity check(String handle, int index, byte[] response, byte[] nonce, byte[] digest) {
        for (HandleValue v : KeyLookup.candidates(values, handle, index, ValueTypes.HS_SECKEY)) {
            if (ChallengeAnswers.verifySeckeyAnswer(response, v.data(), nonce, digest)) {
                return new Identity(handle, v.index());
            }
        }
        return null;
    }
}
