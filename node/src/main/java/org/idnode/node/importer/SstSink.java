package org.idnode.node.importer;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.idnode.node.storage.BulkLoader;

/**
 * Turns the records of the run, in input order, into SST files; runs on the single SST thread.
 *
 * <p>Per batch: while keys arrive in increasing order (generated files, exports sorted by handle),
 * each record goes straight into a "streamed" SST file, so writing overlaps parsing and nothing is
 * held in memory. From the first key out of order on, the rest of the batch is kept in an
 * {@link SstBatch} and written sorted, as a second file, at the end of the batch. The files are
 * ingested in the order they were made, and a later file wins, so the last line of a handle wins
 * either way. CSV records always take the sorted path, where lines of a handle that are not
 * consecutive can be found (and so does everything after them in the batch).
 */
final class SstSink {
    private final BulkLoader store;
    private final Path dir;
    private final List<String> names;
    private final ErrorReport errors;
    private final List<Path> files = new ArrayList<>();
    private long written;
    private int fileNumber;

    private boolean inOrder = true;
    private BulkLoader.SstWriter stream;
    private Path streamFile;
    private byte[] heldKey;
    private byte[] heldRecord;
    private SstBatch rest = new SstBatch();

    SstSink(BulkLoader store, Path dir, List<String> names, ErrorReport errors) {
        this.store = store;
        this.dir = dir;
        this.names = names;
        this.errors = errors;
    }

    void accept(RecordBlock b, boolean csv) {
        if (errors.count() > 0) {
            return; // nothing of this run will be applied
        }
        if (csv && inOrder) {
            leaveStream();
        }
        byte[] d = b.data;
        for (int at = 0; at < b.size; ) {
            int len = RecordBlock.length(d, at);
            if (inOrder) {
                stream(d, at, len);
            } else {
                rest.addEntry(d, at, len);
            }
            at += len;
        }
    }

    /**
     * From here to the end of the batch, records go to the sorted file, which is ingested after the
     * streamed one and so wins over it: nothing read later may stay behind in the streamed file.
     */
    private void leaveStream() {
        if (heldKey != null) {
            writeHeld();
        }
        finishStream();
        inOrder = false;
    }

    private void stream(byte[] d, int at, int len) {
        int k = RecordBlock.keyOffset(at);
        int kl = RecordBlock.keyLength(d, at);
        if (heldKey != null) {
            int c = Arrays.compareUnsigned(heldKey, 0, heldKey.length, d, k, k + kl);
            if (c == 0) {
                // same handle again: the later line wins, the held one is dropped
            } else if (c < 0) {
                writeHeld();
            } else {
                leaveStream();
                rest.addEntry(d, at, len);
                return;
            }
        }
        heldKey = Arrays.copyOfRange(d, k, k + kl);
        heldRecord = RecordBlock.record(d, at);
    }

    private void writeHeld() {
        if (stream == null) {
            streamFile = nextFile();
            stream = store.newSstWriter(streamFile);
        }
        stream.add(heldKey, heldRecord);
        written++;
        heldKey = null;
        heldRecord = null;
    }

    private void finishStream() {
        if (stream == null) {
            return;
        }
        try (BulkLoader.SstWriter w = stream) {
            if (errors.count() == 0 && w.finish()) {
                files.add(streamFile);
            }
        }
        stream = null;
    }

    /** Ends the batch: completes the streamed file and writes the sorted rest. */
    void endBatch() {
        if (heldKey != null && errors.count() == 0) {
            writeHeld();
        }
        heldKey = null;
        finishStream();
        if (rest.size() > 0 && errors.count() == 0) {
            SstBatch.Result r = rest.write(store, nextFile(), names, errors);
            if (r.file() != null) {
                files.add(r.file());
            }
            written += r.written();
        }
        rest = new SstBatch();
        inOrder = true;
    }

    /** Frees a half-written file when the run is given up. */
    void abandon() {
        if (stream != null) {
            stream.close();
            stream = null;
        }
        rest = new SstBatch();
    }

    private Path nextFile() {
        return dir.resolve(String.format("batch-%06d.sst", ++fileNumber));
    }

    List<Path> files() {
        return files;
    }

    long written() {
        return written;
    }

}
