package org.idnode.node.storage;

import java.util.List;
import java.util.Set;

/**
 * The narrow storage contract of the node: bytes in, bytes out. Keys come from {@link HandleKeys};
 * records are in {@link StoredRecord} form. Only the layers around the store know what they mean.
 * RocksDB ({@link RocksHandleStore}) is the production implementation; every implementation passes
 * the same contract tests (HandleStoreContract in the tests).
 *
 * <p>Reads see whole writes only: {@link #applyAll} is atomic. Failures are {@link StorageException}s
 * naming the store and the operation.
 */
public interface HandleStore extends AutoCloseable {

    /** The stored record, or null when there is none. */
    byte[] get(byte[] key);

    /** Up to {@code limit} keys that start with {@code prefix}, in key order, after {@code after} (exclusive; null = from the start). */
    List<byte[]> scanKeys(byte[] prefix, byte[] after, int limit);

    Set<String> homedPrefixes();

    /** Node state put by {@link StoreChange.Builder#meta}, or null. */
    byte[] meta(byte[] key);

    /**
     * Applies all {@code changes} as one atomic, durable write (in the write-ahead log, synced once,
     * before this returns), so that a group of changes costs one sync. Returns, for each change in
     * list order, the sequence number given to its outbox event, or 0 if it has none. Events are
     * numbered consecutively in list order; sequence numbers start at 1, grow by one per event and
     * survive restarts. Where changes touch the same key or prefix, the later change wins; within one
     * change, deletes come after puts. Changes that are all empty write nothing.
     */
    long[] applyAll(List<StoreChange> changes);

    /**
     * Applies {@code changes} as one atomic write, in the write-ahead log but not synced: a crash
     * may lose the last such writes, whole, never part of one. For a mirror, whose writes carry
     * their topic position with them: what a crash loses is read from the topic again. Changes
     * with an outbox event are refused (their numbering needs {@link #applyAll}).
     */
    void applyBuffered(List<StoreChange> changes);

    /** {@link #applyAll} of one change: returns its event's sequence number, or 0 if it has none. */
    default long apply(StoreChange change) {
        return applyAll(List.of(change))[0];
    }

    /** The sequence number of the last outbox event applied (0 before the first). */
    long lastSequence();

    /** Outbox events from sequence {@code from} on (inclusive), at most {@code limit}, in order. */
    List<OutboxEntry> outbox(long from, int limit);

    /**
     * Removes outbox events up to sequence {@code upTo} (inclusive): the stream has them. The
     * sequence numbering is not affected (the next event still gets {@link #lastSequence()} + 1).
     */
    void removeOutbox(long upTo);

    /** An outbox event with its sequence number. */
    record OutboxEntry(long sequence, byte[] event) {
    }

    long estimatedRecordCount();

    @Override
    void close();
}
