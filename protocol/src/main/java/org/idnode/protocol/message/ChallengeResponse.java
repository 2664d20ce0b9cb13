package org.idnode.protocol.message;

/**
 * RC 402 (§8.7): the server's challenge. The request digest travels in the message's digest slot
 * (RD is always set on a challenge); the body proper is the nonce.
 */
public record ChallengeResponse(byte[] nonce) implements MessageBody {
    public ChallengeResponse {
        nonce = nonce.clone();
    }

    @Override
    public byte[] nonce() {
        return nonce.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ChallengeResponse c && java.util.Arrays.equals(c.nonce, nonce);
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(nonce);
    }
}
