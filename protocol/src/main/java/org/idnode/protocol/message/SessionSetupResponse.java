package org.idnode.protocol.message;

import java.util.Arrays;

/** OC 400 success (§8.8): mode and mode data ([CNRI] followed by two zero octets). */
public record SessionSetupResponse(int keyExchangeMode, byte[] data) implements MessageBody {
    public SessionSetupResponse {
        data = data.clone();
    }

    @Override
    public byte[] data() {
        return data.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SessionSetupResponse s && s.keyExchangeMode == keyExchangeMode && Arrays.equals(s.data, data);
    }

    @Override
    public int hashCode() {
        return keyExchangeMode * 31 + Arrays.hashCode(data);
    }
}
