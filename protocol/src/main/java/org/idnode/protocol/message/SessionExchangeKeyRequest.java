package org.idnode.protocol.message;

/** OC 402 request (§8.8, mode 2 only): the session key encrypted with the server's key. */
public record SessionExchangeKeyRequest(byte[] encryptedSessionKey) implements MessageBody {
    public SessionExchangeKeyRequest {
        encryptedSessionKey = encryptedSessionKey.clone();
    }

    @Override
    public byte[] encryptedSessionKey() {
        return encryptedSessionKey.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SessionExchangeKeyRequest s && java.util.Arrays.equals(s.encryptedSessionKey, encryptedSessionKey);
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(encryptedSessionKey);
    }
}
