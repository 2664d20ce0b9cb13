package org.idnode.protocol.client;

import io.netty.buffer.Unpooled;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.util.Objects;
import org.idnode.protocol.ProtocolException;
import org.idnode.protocol.ResponseCodes;
import org.idnode.protocol.auth.ChallengeAnswers;
import org.idnode.protocol.auth.RequestDigests;
import org.idnode.protocol.message.ChallengeAnswerRequest;
import org.idnode.protocol.message.ChallengeResponse;
import org.idnode.protocol.message.Message;
import org.idnode.protocol.model.RequestDigest;

/**
 * Who a client is to a server (§14): an identity handle and index holding either an HS_PUBKEY (we
 * hold the private key) or an HS_SECKEY (we hold the secret). It turns an RC 402 challenge into
 * the body of the OC 200 answer. Immutable; the key material is kept as given and never printed.
 */
public final class ClientIdentity {
    private final String handle;
    private final int index;
    private final PrivateKey privateKey;
    private final byte[] secret;
    private final SecureRandom random;

    private ClientIdentity(String handle, int index, PrivateKey privateKey, byte[] secret, SecureRandom random) {
        if (handle == null || handle.isEmpty() || handle.indexOf('/') < 0) {
            throw new IllegalArgumentException("identity handle: '" + handle + "' (expected: prefix/suffix, e.g. 0.NA/88.118.8)");
        }
        if (index < 0) {
            throw new IllegalArgumentException("identity index: " + index + " (expected: >= 0)");
        }
        this.handle = handle;
        this.index = index;
        this.privateKey = privateKey;
        this.secret = secret;
        this.random = random;
    }

    /** An HS_PUBKEY identity: the answer is a signature with {@code key} (RSA or DSA). */
    public static ClientIdentity publicKey(String handle, int index, PrivateKey key) {
        Objects.requireNonNull(key, "private key");
        return new ClientIdentity(handle, index, key, null, null);
    }

    /** An HS_SECKEY identity: the answer is the PBKDF2-HMAC-SHA1 form (0x22) that 2.7+ clients send. */
    public static ClientIdentity secretKey(String handle, int index, byte[] secret) {
        if (secret == null || secret.length == 0) {
            throw new IllegalArgumentException("secret: empty (an empty HS_SECKEY authenticates nobody)");
        }
        return new ClientIdentity(handle, index, null, secret.clone(), new SecureRandom());
    }

    public String handle() {
        return handle;
    }

    public int index() {
        return index;
    }

    public String authType() {
        return privateKey != null ? ChallengeAnswerRequest.HS_PUBKEY : ChallengeAnswerRequest.HS_SECKEY;
    }

    /**
     * The answer to {@code challenge}, an RC 402 reply to {@code encodedRequest} (envelope + message as
     * sent). §14 step 3: the challenge's digest must be the digest of what we sent, else the server
     * (or someone between) asks us to sign something else, and we refuse with RC_AUTHEN_ERROR.
     */
    public ChallengeAnswerRequest answer(Message challenge, byte[] encodedRequest) {
        if (challenge.header().responseCode() != ResponseCodes.AUTHENTICATION_NEEDED
                || !(challenge.body() instanceof ChallengeResponse c) || challenge.digest() == null) {
            throw ProtocolException.malformed("challenge", challenge.header().responseCode(),
                    "an RC 402 reply with a request digest and a nonce");
        }
        RequestDigest theirs = challenge.digest();
        RequestDigest ours = RequestDigests.of(theirs.hashType(), Unpooled.wrappedBuffer(encodedRequest));
        if (!MessageDigest.isEqual(ours.digest(), theirs.digest())) {
            throw new ProtocolException(ResponseCodes.AUTHEN_ERROR,
                    "challenge: its request digest is not the digest of the request we sent (§14)");
        }
        byte[] response = privateKey != null
                ? ChallengeAnswers.pubkeyAnswer(privateKey, c.nonce(), theirs.digest(), challenge.envelope().version())
                : ChallengeAnswers.seckeyAnswer(secret, c.nonce(), theirs.digest(), random);
        return new ChallengeAnswerRequest(authType(), handle, index, response);
    }

    @Override
    public String toString() {
        return index + ":" + handle + " (" + authType() + ")";
    }
}
