package org.idnode.node.storage;

import java.util.List;
import java.util.Set;

/**
 * The narrow storage contract of the node: bytes in, bytes out. Keys come from {@link HandleKeys};
 * records are in {@link StoredRecord} form. Only the layers around the store know what they mean.
 * RocksDB ({@link RocksHandleStore}) is the production implementation; every implementation passes
 * the same contract tests (HandleStoreContract in the tests).
 *
 * <p>Reads see whole changes only: {@link #apply} is atomic. Failures are {@link StorageException}s
 * naming the store and the operation.
 */
public interface HandleStore extends AutoCloseable {

    /** The stored record, or null when there is none. */
    byte[] get(byte[] key);

    /** Up to {@code limit} keys that start with {@code prefix}, in key order, after {@code after} (exclusive; null = from the start). */
    List<byte[]> scanKeys(byte[] prefix, byte[] after, int limit);

    Set<String> homedPrefixes();

    /**
     * Applies {@code change} atomically and durably (in the write-ahead log, synced, before this
     * returns). Returns the sequence number given to its outbox event, or 0 if it has none.
     * Sequence numbers start at 1, grow by one per event and survive restarts.
     */
    long apply(StoreChange change);

    /** The sequence number of the last outbox event applied (0 before the first). */
    long lastSequence();

    /** Outbox events from sequence {@code from} on (inclusive), at most {@code limit}, in order. */
    List<OutboxEntry> outbox(long from, int limit);

    /** An outbox event with its sequence number. */
    record OutboxEntry(long sequence, byte[] event) {
    }

    long estimatedRecordCount();

    @Override
    void close();
}
