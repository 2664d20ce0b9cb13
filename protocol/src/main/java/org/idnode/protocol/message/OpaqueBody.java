package org.idnode.protocol.message;

/**
 * A body kept as octets: CNRI replication opcodes (1000-1003, §8.9) that idnode does not serve, and
 * legacy forms. Lets such a message be decoded (and answered RC_OPERATION_NOT_SUPPORTED) instead of
 * failing.
 */
public record OpaqueBody(byte[] octets) implements MessageBody {
    public OpaqueBody {
        octets = octets.clone();
    }

    @Override
    public byte[] octets() {
        return octets.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OpaqueBody b && java.util.Arrays.equals(b.octets, octets);
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(octets);
    }
}
