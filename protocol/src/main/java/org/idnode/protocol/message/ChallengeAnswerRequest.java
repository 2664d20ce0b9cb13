package org.idnode.protocol.message;

import java.util.Arrays;

/**
 * OC 200 (§8.7): the answer to a challenge. {@code response} is opaque here; its layout depends on
 * {@code authType} and is read by the auth package (§14).
 */
public record ChallengeAnswerRequest(String authType, String identityHandle, int identityIndex, byte[] response)
        implements MessageBody {
    public static final String HS_PUBKEY = "HS_PUBKEY";
    public static final String HS_SECKEY = "HS_SECKEY";

    public ChallengeAnswerRequest {
        response = response.clone();
    }

    @Override
    public byte[] response() {
        return response.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ChallengeAnswerRequest c && c.authType.equals(authType)
                && c.identityHandle.equals(identityHandle) && c.identityIndex == identityIndex
                && Arrays.equals(c.response, response);
    }

    @Override
    public int hashCode() {
        return identityHandle.hashCode() * 31 + identityIndex;
    }
}
