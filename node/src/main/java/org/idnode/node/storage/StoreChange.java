package org.idnode.node.storage;

import java.util.ArrayList;
import java.util.List;

/**
 * Everything one write changes, applied by {@link HandleStore#apply} atomically: record puts and
 * deletes, homed-prefix changes, node state ({@link #meta}: a mirror's topic positions, with the
 * records they brought), and at most one outbox event, which gets the store's next sequence number
 * in the same batch (so the stream can never miss or reorder a change that was stored). Immutable;
 * made with {@link #builder()}.
 */
public record StoreChange(List<Put> puts, List<byte[]> deletes, List<String> homed, List<String> unhomed, List<Put> meta,
                          byte[] event) {

    /** A record under a key ({@link HandleKeys}), in {@link StoredRecord} form. */
    public record Put(byte[] key, byte[] record) {
    }

    public StoreChange {
        puts = List.copyOf(puts);
        deletes = List.copyOf(deletes);
        homed = List.copyOf(homed);
        unhomed = List.copyOf(unhomed);
        meta = List.copyOf(meta);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** One record put, nothing else: for imports of single records, the demo and tests. */
    public static StoreChange put(byte[] key, byte[] record) {
        return builder().put(key, record).build();
    }

    public boolean isEmpty() {
        return puts.isEmpty() && deletes.isEmpty() && homed.isEmpty() && unhomed.isEmpty() && meta.isEmpty() && event == null;
    }

    public static final class Builder {
        private final List<Put> puts = new ArrayList<>();
        private final List<byte[]> deletes = new ArrayList<>();
        private final List<String> homed = new ArrayList<>();
        private final List<String> unhomed = new ArrayList<>();
        private final List<Put> meta = new ArrayList<>();
        private byte[] event;

        private Builder() {
        }

        public Builder put(byte[] key, byte[] record) {
            puts.add(new Put(key, record));
            return this;
        }

        public Builder delete(byte[] key) {
            deletes.add(key);
            return this;
        }

        /** Homes {@code normalizedPrefix} ({@link HandleKeys#normalizePrefix}). */
        public Builder home(String normalizedPrefix) {
            homed.add(normalizedPrefix);
            return this;
        }

        public Builder unhome(String normalizedPrefix) {
            unhomed.add(normalizedPrefix);
            return this;
        }

        /** Node state under {@code key}, apart from records ({@link HandleStore#meta}). */
        public Builder meta(byte[] key, byte[] value) {
            meta.add(new Put(key, value));
            return this;
        }

        /** The outbox event of this change (the encoded registration), numbered when applied; null for none. */
        public Builder event(byte[] encoded) {
            if (encoded == null) {
                return this;
            }
            if (event != null) {
                throw new IllegalStateException("one outbox event per change");
            }
            event = encoded;
            return this;
        }

        public StoreChange build() {
            return new StoreChange(puts, deletes, homed, unhomed, meta, event);
        }
    }
}
