package org.idnode.protocol.message;

import java.util.Arrays;

/** OC 201 (§8.7): one server asks another to check an HS_SECKEY answer. */
public record VerifyAuthRequest(String handle, int index, byte[] nonce, byte[] requestDigest, byte[] answer)
        implements MessageBody {
    public VerifyAuthRequest {
        nonce = nonce.clone();
        requestDigest = requestDigest.clone();
        answer = answer.clone();
    }

    @Override
    public byte[] nonce() {
        return nonce.clone();
    }

    @Override
    public byte[] requestDigest() {
        return requestDigest.clone();
    }

    @Override
    public byte[] answer() {
        return answer.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof VerifyAuthRequest v && v.handle.equals(handle) && v.index == index
                && Arrays.equals(v.nonce, nonce) && Arrays.equals(v.requestDigest, requestDigest)
                && Arrays.equals(v.answer, answer);
    }

    @Override
    public int hashCode() {
        return handle.hashCode() * 31 + index;
    }
}
