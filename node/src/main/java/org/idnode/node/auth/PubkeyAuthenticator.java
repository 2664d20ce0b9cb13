package org.idnode.node.auth;

import java.security.PublicKey;
import org.idnode.protocol.ProtocolException;
import org.idnode.protocol.ResponseCodes;
import org.idnode.protocol.auth.ChallengeAnswers;
import org.idnode.protocol.auth.PublicKeys;
import org.idnode.protocol.message.ChallengeAnswerRequest;
import org.idnode.protocol.model.HandleValue;
import org.idnode.protocol.model.ValueTypes;

/** HS_PUBKEY answers (§14): a signature over nonce || digest, checked with the identity's RSA or DSA key. */
public final class PubkeyAuthenticator implements Authenticator {
    private final KeyValues values;

    public PubkeyAuthenticator(KeyValues values) {
        this.values = values;
    }

    @Override
    public String authType() {
        return ChallengeAnswerRequest.HS_PUBKEY;
    }

    @Override
    public Identity verify(ChallengeAnswerRequest answer, byte[] nonce, byte[] digest) {
        byte[] response = answer.response();
        for (HandleValue v : KeyLookup.candidates(values, answer.identityHandle(), answer.identityIndex(), ValueTypes.HS_PUBKEY)) {
            PublicKey key;
            try {
                key = PublicKeys.decode(v.data());
            } catch (ProtocolException | IllegalArgumentException e) {
                continue; // a broken key value can prove nothing; another index may
            }
            if (ChallengeAnswers.verifyPubkeyAnswer(response, key, nonce, digest)) {
                return new Identity(answer.identityHandle(), v.index());
            }
        }
        throw new ProtocolException(ResponseCodes.AUTHENTICATION_FAILED,
                "the signature does not verify with the HS_PUBKEY of " + answer.identityIndex() + ":" + answer.identityHandle());
    }
}
