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
public final class RocksHandleStore implements HandleStore {
    static {
        RocksDB.loadLibrary();
    }

    private static final byte[] SCHEMA_KEY = "schema".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SCHEMA_VERSION = {1};

    private final Path dir;
    private final RocksOptions options;
    private final RocksDB db;
    private final List<ColumnFamilyHandle> handles;
    private final ColumnFamilyHandle records;
    private final ColumnFamilyHandle prefixes;
    private final ColumnFamilyHandle meta;
    private final AtomicBoolean closed = new AtomicBoolean();

    private RocksHandleStore(Path dir, RocksOptions options, RocksDB db, List<ColumnFamilyHandle> handles) {
        this.dir = dir;
        this.options = options;
        this.db = db;
        this.handles = handles;
        this.records = handles.get(1);
        this.prefixes = handles.get(2);
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

    @Override
    public byte[] get(byte[] key) {
        try {
            return db.get(records, options.read, key);
        } catch (RocksDBException e) {
            throw new StorageException("get", e);
        }
    }

    @Override
    public void put(byte[] key, byte[] record) {
        try {
            db.put(records, options.write, key, record);
        } catch (RocksDBException e) {
            throw new StorageException("put", e);
        }
    }

    @Override
    public void delete(byte[] key) {
        try {
            db.delete(records, options.write, key);
        } catch (RocksDBException e) {
            throw new StorageException("delete", e);
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
            throw new StorageException("ingest", e);
        }
    }

    @Override
    public SstWriter newSstWriter(Path file) {
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
    public void homePrefix(String normalizedPrefix) {
        try {
            db.put(prefixes, options.write, bytes(normalizedPrefix), new byte[0]);
        } catch (RocksDBException e) {
            throw new StorageException("home prefix", e);
        }
    }

    @Override
    public void unhomePrefix(String normalizedPrefix) {
        try {
            db.delete(prefixes, options.write, bytes(normalizedPrefix));
        } catch (RocksDBException e) {
            throw new StorageException("unhome prefix", e);
        }
    }

    @Override
    public byte[] getMeta(String name) {
        try {
            return db.get(meta, bytes("node." + name));
        } catch (RocksDBException e) {
            throw new StorageException("get meta", e);
        }
    }

    @Override
    public void putMeta(String name, byte[] value) {
        try {
            db.put(meta, options.write, bytes("node." + name), value);
        } catch (RocksDBException e) {
            throw new StorageException("put meta", e);
        }
    }

    @Override
    public long estimatedRecordCount() {
        try {
            return db.getLongProperty(records, "rocksdb.estimate-num-keys");
        } catch (RocksDBException e) {
            throw new StorageException("estimate keys", e);
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
            throw new StorageException("verify " + dir, e);
        }
    }

    /** Flushes memtables and compacts, so disk figures are those of a settled store. */
    public void compact() {
        try {
            db.compactRange(records);
        } catch (RocksDBException e) {
            throw new StorageException("compact", e);
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
