package org.idnode.protocol.message;

import java.util.Arrays;

/**
 * OC 400 request (§8.8). Mode 1 and 4 carry {@code publicKey}; mode 3 carries {@code keyHandle} and
 * {@code keyIndex}; mode 2 carries nothing. [CNRI] two zero octets trail the body; they are dropped.
 */
public record SessionSetupRequest(int keyExchangeMode, int timeout, String identityHandle, int identityIndex,
                                  byte[] publicKey, String keyHandle, int keyIndex) implements MessageBody {
    public static final int MODE_CLIENT_CIPHER = 1;
    public static final int MODE_SERVER_CIPHER = 2;
    public static final int MODE_KEY_IN_HANDLE = 3;
    public static final int MODE_DIFFIE_HELLMAN = 4;

    public SessionSetupRequest {
        publicKey = publicKey == null ? new byte[0] : publicKey.clone();
        keyHandle = keyHandle == null ? "" : keyHandle;
    }

    @Override
    public byte[] publicKey() {
        return publicKey.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SessionSetupRequest s && s.keyExchangeMode == keyExchangeMode && s.timeout == timeout
                && s.identityHandle.equals(identityHandle) && s.identityIndex == identityIndex
                && Arrays.equals(s.publicKey, publicKey) && s.keyHandle.equals(keyHandle) && s.keyIndex == keyIndex;
    }

    @Override
    public int hashCode() {
        return keyExchangeMode * 31 + identityHandle.hashCode();
    }
}
