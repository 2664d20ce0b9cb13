package org.idnode.protocol.model;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * The digest of a request that starts a response body when RD is set (handle-protocol.md §8.1).
 *
 * @param hashType 1 MD5, 2 SHA-1, 3 SHA-256
 */
public record RequestDigest(int hashType, byte[] digest) {
    public static final int MD5 = 1;
    public static final int SHA1 = 2;
    public static final int SHA256 = 3;

    public RequestDigest {
        digest = digest.clone();
    }

    @Override
    public byte[] digest() {
        return digest.clone();
    }

    /** Octets of a digest of this type, or -1 for an unknown type. */
    public static int lengthOf(int hashType) {
        return switch (hashType) {
            case MD5 -> 16;
            case SHA1 -> 20;
            case SHA256 -> 32;
            default -> -1;
        };
    }

    public static String algorithmOf(int hashType) {
        return switch (hashType) {
            case MD5 -> "MD5";
            case SHA1 -> "SHA-1";
            case SHA256 -> "SHA-256";
            default -> throw new IllegalArgumentException("hashType: " + hashType + " (expected: 1, 2 or 3)");
        };
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RequestDigest d && d.hashType == hashType && Arrays.equals(d.digest, digest);
    }

    @Override
    public int hashCode() {
        return 31 * hashType + Arrays.hashCode(digest);
    }

    @Override
    public String toString() {
        return "RequestDigest[" + hashType + " " + HexFormat.of().formatHex(digest) + "]";
    }
}
