package org.idnode.node.importer;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.idnode.node.storage.BulkLoader;

/**
 * Up to {@code --batch-records} records in memory, written as one sorted SST file. Records sit in
 * 16 MiB arenas ({@link RecordBlock} layout) with a {@code long[]} of references (arena number, offset):
 * large arrays that the collector never copies, where one object per record would be copied by every
 * young GC until the batch is written. Sorting is stable, so among records with the same key the one
 * read last (later line, later file) is kept, as if each had been PUT in file order.
 */
final class SstBatch {
    static final int ARENA = 16 << 20;

    private final List<byte[]> arenas = new ArrayList<>();
    private byte[] current;
    private int used;
    private long[] refs = new long[1 << 14];
    private int size;
    private long bytes;
    private byte[][] ar;

    /** What writing a batch did; {@code file} is null when nothing was written. */
    record Result(Path file, long written) {
    }

    /** Copies one {@link RecordBlock} entry. */
    void addEntry(byte[] d, int at, int len) {
        int to = reserve(len);
        System.arraycopy(d, at, current, to, len);
    }

    private int reserve(int len) {
        if (current == null || current.length - used < len) {
            current = new byte[Math.max(ARENA, len)];
            arenas.add(current);
            used = 0;
        }
        if (size == refs.length) {
            refs = Arrays.copyOf(refs, refs.length * 2);
        }
        int at = used;
        refs[size++] = (long) (arenas.size() - 1) << 32 | at;
        used += len;
        bytes += len;
        return at;
    }

    int size() {
        return size;
    }

    long bytes() {
        return bytes;
    }

    /**
     * Sorts and writes the batch to {@code file}. Duplicate keys: the last wins; but two groups of
     * lines of one handle in one CSV file are an error (its lines must be consecutive), reported and
     * not written. Returns with nothing written when {@code errors} holds any error by the end.
     */
    Result write(BulkLoader store, Path file, List<String> fileNames, ErrorReport errors) {
        ar = arenas.toArray(new byte[0][]);
        RefSort.sort(refs, size, this::compareKeys);
        long written = 0;
        try (BulkLoader.SstWriter w = store.newSstWriter(file)) {
            for (int i = 0; i < size; ) {
                int j = i + 1;
                while (j < size && compareKeys(refs[i], refs[j]) == 0) {
                    j++;
                }
                if (j - i > 1) {
                    checkCsvGroups(i, j, fileNames, errors);
                }
                if (errors.count() == 0) {
                    long last = refs[j - 1];
                    byte[] d = ar[(int) (last >>> 32)];
                    w.add(RecordBlock.key(d, (int) last), RecordBlock.record(d, (int) last));
                    written++;
                }
                i = j;
            }
            arenas.clear();
            ar = null;
            refs = null;
            if (errors.count() > 0) {
                return new Result(null, 0);
            }
            return new Result(w.finish() ? file : null, written);
        }
    }

    /** Unsigned lexicographic, as RocksDB's default bytewise comparator orders keys. */
    private int compareKeys(long a, long b) {
        byte[] da = ar[(int) (a >>> 32)];
        byte[] db = ar[(int) (b >>> 32)];
        int pa = (int) a;
        int pb = (int) b;
        int ka = RecordBlock.keyOffset(pa);
        int kb = RecordBlock.keyOffset(pb);
        return Arrays.compareUnsigned(da, ka, ka + RecordBlock.keyLength(da, pa), db, kb, kb + RecordBlock.keyLength(db, pb));
    }

    /** Records {@code [i, j)} share a key; in CSV, two of them from one file mean non-consecutive lines. */
    private void checkCsvGroups(int i, int j, List<String> fileNames, ErrorReport errors) {
        for (int a = i + 1; a < j; a++) {
            byte[] da = ar[(int) (refs[a] >>> 32)];
            int pa = (int) refs[a];
            if (!RecordBlock.csv(da, pa)) {
                continue;
            }
            for (int b = i; b < a; b++) {
                byte[] db = ar[(int) (refs[b] >>> 32)];
                int pb = (int) refs[b];
                if (RecordBlock.csv(db, pb) && RecordBlock.file(db, pb) == RecordBlock.file(da, pa)) {
                    errors.report(fileNames.get(RecordBlock.file(da, pa)), new BadLine(RecordBlock.line(da, pa), "handle "
                            + Show.quoted(new String(RecordBlock.key(da, pa), StandardCharsets.UTF_8)) + ": also on line "
                            + RecordBlock.line(db, pb) + " with other handles between (expected: the lines of a handle one after another)"));
                    break;
                }
            }
        }
    }
}
