package org.idnode.node.auth;

import org.idnode.protocol.message.ChallengeAnswerRequest;

/**
 * Checks the answer to a challenge for one credential kind (handle-protocol.md §14): HS_PUBKEY and
 * HS_SECKEY today; SM2 keys and the IDIS login are further implementations of the same contract.
 */
public interface Authenticator {
    /** The {@code authType} of the answers this checks, e.g. {@code HS_PUBKEY}. */
    String authType();

    /**
     * Returns the identity proven by {@code answer} to challenge ({@code nonce}, request {@code digest}
     * octets), or throws {@link org.idnode.protocol.ProtocolException}: RC 403 for a wrong answer,
     * RC 406 when the identity can't be checked here, RC 4/404 for an answer that can't be read.
     */
    Identity verify(ChallengeAnswerRequest answer, byte[] nonce, byte[] digest);
}
