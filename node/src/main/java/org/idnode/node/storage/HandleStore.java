package org.idnode.node.storage;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * The narrow storage contract of the node: bytes in, bytes out. Keys come from {@link HandleKeys};
 * records are in {@link StoredRecord} form. Only the layers around the store know what they mean.
 * RocksDB ({@link RocksHandleStore}) is the production implementation.
 */
public interface HandleStore extends AutoCloseable {

    /** The stored record, or null when there is none. */
    byte[] get(byte[] key);

    void put(byte[] key, byte[] record);

    void delete(byte[] key);

    /** Up to {@code limit} keys that start with {@code prefix}, in key order, after {@code after} (exclusive; null = from the start). */
    List<byte[]> scanKeys(byte[] prefix, byte[] after, int limit);

    /** Adds sorted SST files made with {@link #newSstWriter}; later files win over earlier ones and over what is stored. */
    void ingest(List<Path> sstFiles);

    /** A writer for SST files that {@link #ingest} accepts. */
    SstWriter newSstWriter(Path file);

    Set<String> homedPrefixes();

    void homePrefix(String normalizedPrefix);

    void unhomePrefix(String normalizedPrefix);

    /** Node metadata (schema version, keys); null when absent. */
    byte[] getMeta(String name);

    void putMeta(String name, byte[] value);

    long estimatedRecordCount();

    @Override
    void close();

    /** Writes sorted key/record pairs to one SST file. */
    interface SstWriter extends AutoCloseable {
        /** Keys must be strictly increasing. */
        void add(byte[] key, byte[] record);

        /** Finishes the file; returns false when nothing was added (no file is left). */
        boolean finish();

        @Override
        void close();
    }
}
