package org.idnode.node.storage;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The store as one batch will leave it, while the batch is being planned: the records put and
 * deleted by the changes planned so far, over what is stored. Without it, two creates of one handle
 * in one batch would both see it absent. Used by the committer thread only, so not thread-safe.
 */
final class BatchView implements RecordView {
    private final HandleStore store;
    /** Records planned in this batch by key; a planned delete is a null record. */
    private final Map<Key, byte[]> planned = new HashMap<>();

    BatchView(HandleStore store) {
        this.store = store;
    }

    @Override
    public byte[] get(byte[] key) {
        Key k = new Key(key);
        return planned.containsKey(k) ? planned.get(k) : store.get(key);
    }

    /** Lays {@code change} over the view in the order {@link HandleStore#applyAll} writes it: puts, then deletes. */
    void add(StoreChange change) {
        for (StoreChange.Put p : change.puts()) {
            planned.put(new Key(p.key()), p.record());
        }
        for (byte[] k : change.deletes()) {
            planned.put(new Key(k), null);
        }
    }

    /** A key compared by content (a byte[] is compared by identity). */
    private static final class Key {
        private final byte[] bytes;
        private final int hash;

        Key(byte[] bytes) {
            this.bytes = bytes;
            this.hash = Arrays.hashCode(bytes);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Arrays.equals(bytes, k.bytes);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }
}
