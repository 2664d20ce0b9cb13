package org.idnode.node.mirror;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a mirror keeps in the store's node state ({@code HandleStore.meta}), written in the same
 * batch as the records a poll brought, so that a restart neither skips nor repeats:
 * <ul>
 * <li>{@code mirror.partition.<n>}: {@code int8 nextOffset}, {@code int4 count}, then per source
 *     node {@code str nodeId, int8 highest sequence applied from this partition};</li>
 * <li>{@code mirror.applied/<record key>}: {@code str nodeId, int8 sequence} of the change last
 *     applied to that record (or prefix, under {@code mirror.applied/prefix:<PREFIX>}).</li>
 * </ul>
 * ({@code str} is an int4 length and UTF-8, as on the Handle wire.)
 */
final class MirrorState {
    private static final String PARTITION = "mirror.partition.";
    private static final byte[] APPLIED = "mirror.applied/".getBytes(StandardCharsets.US_ASCII);

    private MirrorState() {
    }

    /** A partition's position and, per source node, the highest sequence applied from it. */
    record Position(long nextOffset, Map<String, Long> highest) {
        Position {
            highest = Map.copyOf(highest);
        }

        static final Position START = new Position(0, Map.of());

        long highest(String nodeId) {
            return highest.getOrDefault(nodeId, 0L);
        }
    }

    /** The change last applied to a record. */
    record Applied(String nodeId, long sequence) {
    }

    static byte[] positionKey(int partition) {
        return (PARTITION + partition).getBytes(StandardCharsets.US_ASCII);
    }

    static byte[] encode(Position p) {
        int size = 12;
        for (String n : p.highest().keySet()) {
            size += 12 + n.length() * 3;
        }
        ByteBuffer b = ByteBuffer.allocate(size);
        b.putLong(p.nextOffset()).putInt(p.highest().size());
        for (Map.Entry<String, Long> e : new TreeMap<>(p.highest()).entrySet()) {
            putString(b, e.getKey());
            b.putLong(e.getValue());
        }
        return trim(b);
    }

    /** A damaged position is an error, never a guess: starting over silently would repeat everything. */
    static Position decodePosition(byte[] v) {
        try {
            ByteBuffer b = ByteBuffer.wrap(v);
            long next = b.getLong();
            int n = b.getInt();
            if (n < 0 || n > 1024) {
                throw new IllegalStateException("mirror position: " + n + " source nodes");
            }
            Map<String, Long> highest = new TreeMap<>();
            for (int i = 0; i < n; i++) {
                highest.put(getString(b), b.getLong());
            }
            return new Position(next, highest);
        } catch (java.nio.BufferUnderflowException e) {
            throw new IllegalStateException("mirror position: " + v.length + " octets, truncated", e);
        }
    }

    static byte[] appliedKey(byte[] recordKey) {
        byte[] k = new byte[APPLIED.length + recordKey.length];
        System.arraycopy(APPLIED, 0, k, 0, APPLIED.length);
        System.arraycopy(recordKey, 0, k, APPLIED.length, recordKey.length);
        return k;
    }

    static byte[] encode(Applied a) {
        ByteBuffer b = ByteBuffer.allocate(12 + a.nodeId().length() * 3);
        putString(b, a.nodeId());
        b.putLong(a.sequence());
        return trim(b);
    }

    static Applied decodeApplied(byte[] v) {
        try {
            ByteBuffer b = ByteBuffer.wrap(v);
            return new Applied(getString(b), b.getLong());
        } catch (java.nio.BufferUnderflowException | IllegalArgumentException e) {
            throw new IllegalStateException("mirror applied mark: " + v.length + " octets, damaged", e);
        }
    }

    private static void putString(ByteBuffer b, String s) {
        byte[] u = s.getBytes(StandardCharsets.UTF_8);
        b.putInt(u.length).put(u);
    }

    private static String getString(ByteBuffer b) {
        int n = b.getInt();
        if (n < 0 || n > b.remaining()) {
            throw new IllegalArgumentException("string of " + n + " octets");
        }
        byte[] u = new byte[n];
        b.get(u);
        return new String(u, StandardCharsets.UTF_8);
    }

    private static byte[] trim(ByteBuffer b) {
        byte[] out = new byte[b.position()];
        System.arraycopy(b.array(), 0, out, 0, out.length);
        return out;
    }
}
