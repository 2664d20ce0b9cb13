package org.idnode.protocol.model;

import java.util.Arrays;

/**
 * The credential section after the body (handle-protocol.md §9).
 *
 * @param signerIndex     [CNRI] holds the session counter, not an index
 * @param type            {@code HS_SIGNED} or {@code HS_MAC}
 * @param digestAlgorithm e.g. {@code SHA-256}, {@code HMAC-SHA256}
 */
public record Credential(int version, int reserved, int options, String signerHandle, int signerIndex, String type,
                         String digestAlgorithm, byte[] signature) {
    public static final String HS_SIGNED = "HS_SIGNED";
    public static final String HS_MAC = "HS_MAC";

    public Credential {
        signature = signature.clone();
    }

    @Override
    public byte[] signature() {
        return signature.clone();
    }

    public static Credential signed(String digestAlgorithm, byte[] signature, int counter) {
        return new Credential(0, 0, 0, "", counter, HS_SIGNED, digestAlgorithm, signature);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Credential c && c.version == version && c.reserved == reserved && c.options == options
                && c.signerHandle.equals(signerHandle) && c.signerIndex == signerIndex && c.type.equals(type)
                && c.digestAlgorithm.equals(digestAlgorithm) && Arrays.equals(c.signature, signature);
    }

    @Override
    public int hashCode() {
        return type.hashCode() * 31 + Arrays.hashCode(signature);
    }
}
