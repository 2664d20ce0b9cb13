package org.idnode.node.storage;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.EnvOptions;
import org.rocksdb.IngestExternalFileOptions;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.SstFileWriter;

/**
 * {@link HandleStore} on one RocksDB database with column families {@code records} (handle key ->
 * {@link StoredRecord}), {@code prefixes} (homed prefixes), {@code outbox} (registrations waiting for
 * the stream, once registration lands) and {@code meta} (schema version, node data).
 */
public final class RocksHandleStore implements HandleStore, BulkLoader {
    static {
        RocksDB.loadLibrary();
    }

    private static final byte[] SCHEMA_KEY = "schema".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SCHEMA_VERSION = {1};
    /** Outbox events up to here were removed by this process (0: not known; the first removal walks from the start). */
    private volatile long outboxRemovedUpTo;

    /** Meta key of the last outbox sequence number, written in the same batch as each event. */
    private static final byte[] SEQUENCE_KEY = "outbox.sequence".getBytes(StandardCharsets.US_ASCII);

    private final Path dir;
    private final RocksOptions options;
    private final RocksDB db;
    private final List<ColumnFamilyHandle> handles;
    private final ColumnFamilyHandle records;
    private final ColumnFamilyHandle prefixes;
    private final ColumnFamilyHandle outbox;
    private final ColumnFamilyHandle meta;
    /** Held while numbering events and writing them, so that numbers follow commit order. */
    private final Object sequenceLock = new Object();
    /** The last sequence number written; changed under {@link #sequenceLock}, read without it. */
    private volatile long sequence;
    private final AtomicBoolean closed = new AtomicBoolean();

    private RocksHandleStore(Path dir, RocksOptions options, RocksDB db, List<ColumnFamilyHandle> handles) {
        this.dir = dir;
        this.options = options;
        this.db = db;
        this.handles = handles;
        this.records = handles.get(1);
        this.prefixes = handles.get(2);
        this.outbox = handles.get(3);
        this.meta = handles.get(4);
    }

    /** Opens without a row cache: for tools (import) and tests. */
    public static RocksHandleStore open(Path dir, long blockCacheBytes) {
        return open(dir, blockCacheBytes, 0);
    }

    public static RocksHandleStore open(Path dir, long blockCacheBytes, long rowCacheBytes) {
        return open(dir, blockCacheBytes, rowCacheBytes, false);
    }

    /** With {@code statistics}, RocksDB counts cache hits and stalls for {@link #stats()}; costs a little per read. */
    public static RocksHandleStore open(Path dir, long blockCacheBytes, long rowCacheBytes, boolean statistics) {
        RocksOptions options = new RocksOptions(blockCacheBytes, rowCacheBytes, statistics);
        try {
            Files.createDirectories(dir);
            List<ColumnFamilyDescriptor> cfs = List.of(
                    new ColumnFamilyDescriptor(RocksDB.DEFAULT_COLUMN_FAMILY, options.small),
                    new ColumnFamilyDescriptor(bytes("records"), options.records),
                    new ColumnFamilyDescriptor(bytes("prefixes"), options.small),
                    new ColumnFamilyDescriptor(bytes("outbox"), options.small),
                    new ColumnFamilyDescriptor(bytes("meta"), options.small));
            List<ColumnFamilyHandle> handles = new ArrayList<>();
            RocksDB db = RocksDB.open(options.db, dir.toString(), cfs, handles);
            RocksHandleStore store = new RocksHandleStore(dir, options, db, handles);
            store.checkSchema();
            store.sequence = store.readSequence();
            return store;
        } catch (RocksDBException | java.io.IOException e) {
            options.close();
            // RocksDB says "While lock file: .../LOCK: Resource temporarily unavailable" for another
            // process, "lock hold by current process ... LOCK: No locks available" for this one.
            String m = String.valueOf(e.getMessage());
            if (m.contains("lock file") || m.contains("lock hold")) {
                throw StorageException.locked(dir, e);
            }
            throw new StorageException("open " + dir, e);
        }
    }

    private void checkSchema() throws RocksDBException {
        byte[] v = db.get(meta, SCHEMA_KEY);
        if (v == null) {
            db.put(meta, SCHEMA_KEY, SCHEMA_VERSION);
        } else if (!Arrays.equals(v, SCHEMA_VERSION)) {
            throw new RocksDBException("schema version " + Arrays.toString(v) + " in " + dir
                    + " (expected: " + Arrays.toString(SCHEMA_VERSION) + ")");
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** A failure of this store's {@code operation}, naming the store. */
    private StorageException failure(String operation, Exception e) {
        return new StorageException(operation + " (store " + dir + ")", e);
    }

    private long readSequence() throws RocksDBException {
        byte[] v = db.get(meta, SEQUENCE_KEY);
        return v == null ? 0 : java.nio.ByteBuffer.wrap(v).getLong();
    }

    @Override
    public byte[] get(byte[] key) {
        try {
            return db.get(records, options.read, key);
        } catch (RocksDBException e) {
            throw failure("get", e);
        }
    }

    @Override
    public byte[] meta(byte[] key) {
        try {
            return db.get(meta, options.read, key);
        } catch (RocksDBException e) {
            throw failure("get node state", e);
        }
    }

    @Override
    public long[] applyAll(List<StoreChange> changes) {
        long[] sequences = new long[changes.size()];
        boolean events = false;
        boolean anything = false;
        for (StoreChange c : changes) {
            events |= c.event() != null;
            anything |= !c.isEmpty();
        }
        if (!anything) {
            return sequences;
        }
        if (closed.get()) {
            // RocksDB's native handles are freed by close: a write now would touch freed memory.
            throw failure("write", new IllegalStateException("the store is closed"));
        }
        try (org.rocksdb.WriteBatch batch = new org.rocksdb.WriteBatch()) {
            fill(batch, changes);
            if (!events) {
                db.write(options.durable, batch);
                return sequences;
            }
            // The numbers and the events go in the batch that stores the changes: one commit, no gap.
            // Numbering and the write are one step, so numbers follow commit order; the lock is held
            // across the sync, but the group committer (the one writer of events) makes that one sync
            // per group of registrations, not per registration.
            synchronized (sequenceLock) {
                long next = sequence;
                for (int i = 0; i < sequences.length; i++) {
                    byte[] event = changes.get(i).event();
                    if (event != null) {
                        next++;
                        batch.put(outbox, sequenceKey(next), event);
                        sequences[i] = next;
                    }
                }
                batch.put(meta, SEQUENCE_KEY, sequenceKey(next));
                db.write(options.durable, batch);
                sequence = next;
            }
            return sequences;
        } catch (RocksDBException e) {
            throw failure("write", e);
        }
    }

    /** In list order, so that a later change's put or delete of a key overrides an earlier one's. */
    private void fill(org.rocksdb.WriteBatch batch, List<StoreChange> changes) throws RocksDBException {
        for (StoreChange change : changes) {
            for (StoreChange.Put p : change.puts()) {
                batch.put(records, p.key(), p.record());
            }
            for (byte[] k : change.deletes()) {
                batch.delete(records, k);
            }
            for (String p : change.homed()) {
                batch.put(prefixes, bytes(p), new byte[0]);
            }
            for (String p : change.unhomed()) {
                batch.delete(prefixes, bytes(p));
            }
            for (StoreChange.Put m : change.meta()) {
                batch.put(meta, m.key(), m.record());
            }
        }
    }

    @Override
    public void applyBuffered(List<StoreChange> changes) {
        for (StoreChange c : changes) {
            if (c.event() != null) {
                throw new IllegalArgumentException("a buffered write carries no outbox event");
            }
        }
        if (closed.get()) {
            throw failure("write", new IllegalStateException("the store is closed"));
        }
        try (org.rocksdb.WriteBatch batch = new org.rocksdb.WriteBatch()) {
            fill(batch, changes);
            if (batch.count() > 0) {
                db.write(options.buffered, batch);
            }
        } catch (RocksDBException e) {
            throw failure("write", e);
        }
    }

    private static byte[] sequenceKey(long sequence) {
        return java.nio.ByteBuffer.allocate(8).putLong(sequence).array();
    }

    @Override
    public long lastSequence() {
        return sequence;
    }

    @Override
    public List<OutboxEntry> outbox(long from, int limit) {
        List<OutboxEntry> out = new ArrayList<>();
        try (RocksIterator it = db.newIterator(outbox, options.read)) {
            for (it.seek(java.nio.ByteBuffer.allocate(8).putLong(from).array()); it.isValid() && out.size() < limit; it.next()) {
                out.add(new OutboxEntry(java.nio.ByteBuffer.wrap(it.key()).getLong(), it.value()));
            }
            it.status();
        } catch (RocksDBException e) {
            throw failure("read outbox", e);
        }
        return out;
    }

    @Override
    public void removeOutbox(long upTo) {
        long from = outboxRemovedUpTo + 1;
        if (upTo < from) {
            return;
        }
        // Key by key in one batch (DeleteRange is refused with a row cache). Sequence numbers have no
        // gaps, so after the first removal of this process the keys are known without a read: each
        // number from where the last removal stopped. The first one finds where the outbox starts.
        // Not synced: after a crash an event may be sent again, which the stream allows.
        try (org.rocksdb.WriteBatch batch = new org.rocksdb.WriteBatch();
             org.rocksdb.WriteOptions plain = new org.rocksdb.WriteOptions()) {
            if (outboxRemovedUpTo == 0) {
                try (RocksIterator it = db.newIterator(outbox)) {
                    it.seekToFirst();
                    it.status();
                    from = it.isValid() ? java.nio.ByteBuffer.wrap(it.key()).getLong() : upTo + 1;
                }
            }
            for (long seq = from; seq <= upTo; seq++) {
                batch.delete(outbox, sequenceKey(seq));
            }
            if (batch.count() > 0) {
                db.write(plain, batch);
            }
            outboxRemovedUpTo = upTo;
        } catch (RocksDBException e) {
            throw failure("remove outbox up to " + upTo, e);
        }
    }

    @Override
    public List<byte[]> scanKeys(byte[] prefix, byte[] after, int limit) {
        List<byte[]> out = new ArrayList<>();
        try (RocksIterator it = db.newIterator(records, options.read)) {
            it.seek(after != null ? after : prefix);
            if (after != null && it.isValid() && Arrays.equals(it.key(), after)) {
                it.next();
            }
            for (; it.isValid() && out.size() < limit; it.next()) {
                byte[] k = it.key();
                if (!startsWith(k, prefix)) {
                    break;
                }
                out.add(k);
            }
        }
        return out;
    }

    private static boolean startsWith(byte[] k, byte[] prefix) {
        return k.length >= prefix.length && Arrays.equals(k, 0, prefix.length, prefix, 0, prefix.length);
    }

    @Override
    public void ingest(List<Path> sstFiles) {
        if (sstFiles.isEmpty()) {
            return;
        }
        // One file per call: files of one call must not overlap, files of separate calls may,
        // and a later call's keys win (they get newer sequence numbers).
        try (IngestExternalFileOptions ingest = new IngestExternalFileOptions()
                .setMoveFiles(true).setAllowGlobalSeqNo(true).setAllowBlockingFlush(true)) {
            for (Path f : sstFiles) {
                db.ingestExternalFile(records, List.of(f.toString()), ingest);
            }
        } catch (RocksDBException e) {
            throw failure("ingest", e);
        }
    }

    @Override
    public BulkLoader.SstWriter newSstWriter(Path file) {
        EnvOptions env = new EnvOptions();
        Options opts = new Options(options.db, options.records);
        SstFileWriter writer = new SstFileWriter(env, opts);
        try {
            writer.open(file.toString());
        } catch (RocksDBException e) {
            writer.close();
            opts.close();
            env.close();
            throw new StorageException("open SST " + file, e);
        }
        return new SstWriter() {
            private long count;
            private boolean done;

            @Override
            public void add(byte[] key, byte[] record) {
                try {
                    writer.put(key, record);
                    count++;
                } catch (RocksDBException e) {
                    throw new StorageException("write SST " + file, e);
                }
            }

            @Override
            public boolean finish() {
                done = true;
                if (count == 0) {
                    return false;
                }
                try {
                    writer.finish();
                    return true;
                } catch (RocksDBException e) {
                    throw new StorageException("finish SST " + file, e);
                }
            }

            @Override
            public void close() {
                writer.close();
                opts.close();
                env.close();
                if (!done || count == 0) {
                    try {
                        Files.deleteIfExists(file);
                    } catch (java.io.IOException e) {
                        // best effort: an unfinished SST is never ingested
                    }
                }
            }
        };
    }

    @Override
    public Set<String> homedPrefixes() {
        Set<String> out = new TreeSet<>();
        try (RocksIterator it = db.newIterator(prefixes)) {
            for (it.seekToFirst(); it.isValid(); it.next()) {
                out.add(new String(it.key(), StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    @Override
    public long estimatedRecordCount() {
        try {
            return db.getLongProperty(records, "rocksdb.estimate-num-keys");
        } catch (RocksDBException e) {
            throw failure("estimate keys", e);
        }
    }

    /** RocksDB's own figures, for the metrics; reads nothing once the store is closed. */
    public RocksStats stats() {
        return new RocksStats(db, records, options.statistics, this::isOpen);
    }

    public boolean isOpen() {
        return !closed.get();
    }

    /** Reads every block of every table file and checks its checksum; throws StorageException on the first damage. */
    public void verifyChecksums() {
        try {
            db.verifyChecksum();
        } catch (RocksDBException e) {
            throw failure("verify checksums", e);
        }
    }

    /** Flushes memtables and compacts, so disk figures are those of a settled store. */
    public void compact() {
        try {
            db.compactRange(records);
        } catch (RocksDBException e) {
            throw failure("compact", e);
        }
    }

    /** Safe to call twice. Order: column family handles, then the database, then the options they use. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        for (ColumnFamilyHandle h : handles) {
            h.close();
        }
        try {
            db.syncWal();
        } catch (RocksDBException e) {
            // closing anyway; the WAL was written on every put
        }
        db.close();
        options.close();
    }
}
