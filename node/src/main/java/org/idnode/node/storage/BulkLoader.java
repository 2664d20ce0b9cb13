package org.idnode.node.storage;

import java.nio.file.Path;
import java.util.List;

/**
 * Offline bulk load (import): sorted table files written beside the store, then ingested whole.
 * Apart from {@link HandleStore} because nothing that serves requests may use it: an ingest
 * bypasses the outbox, so only a stopped node's store is loaded this way.
 */
public interface BulkLoader {

    /** A writer for a table file that {@link #ingest} accepts. */
    SstWriter newSstWriter(Path file);

    /** Adds table files made with {@link #newSstWriter}; later files win over earlier ones and over what is stored. */
    void ingest(List<Path> sstFiles);

    /** Writes sorted key/record pairs to one table file. */
    interface SstWriter extends AutoCloseable {
        /** Keys must be strictly increasing. */
        void add(byte[] key, byte[] record);

        /** Finishes the file; returns false when nothing was added (no file is left). */
        boolean finish();

        @Override
        void close();
    }
}
