package org.idnode.node.importer;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.idnode.node.storage.HandleKeys;
import org.idnode.node.storage.BulkLoader;

/**
 * Bulk import: input files -> checked records -> SST files -> one ingest into the store.
 *
 * <pre>
 *   main thread:    read a file in ~1 MiB chunks of whole lines       -> parser pool
 *   parser threads: parse, check, encode each line of a chunk          -> main thread, in file order
 *   main thread:    join CSV handles split between chunks; count batch -> SST thread, in file order
 *   SST thread:     stream in-order records into an SST file, sort the rest of the batch ({@link SstSink})
 *   at the end:     if no line of any file was bad, ingest every SST file; else ingest nothing
 * </pre>
 * All or nothing for the whole run: an operator who fixes the reported lines and runs the same
 * command again gets exactly the intended result, and a half-imported run never has to be untangled.
 * After the first bad line, reading goes on only to report further bad lines; nothing more is written.
 */
public final class Importer {
    static final int CHUNK_SIZE = 1 << 20;
    /** Blocks handed to the SST thread and not yet written: bounds memory when writing is the slower side. */
    static final int QUEUED_BLOCKS = 8;

    private final BulkLoader store;
    private final ChunkParser parser;
    private final ImportOptions options;
    private final ErrorReport errors;
    private final Path workDir;
    private final PrintWriter err;
    private final int maxInFlight;
    private final BufferPool pool;
    /** A batch waiting to be sorted lives in memory: keep it to a quarter of the heap whatever --batch-records says. */
    private final long maxBatchBytes = Math.max(64L << 20, Runtime.getRuntime().maxMemory() / 4);

    private List<String> names;
    private ExecutorService parsers;
    private ExecutorService writer;
    private SstSink sink;
    private final Semaphore queued = new Semaphore(QUEUED_BLOCKS);
    private final ArrayDeque<Future<?>> writes = new ArrayDeque<>();
    private long batchRecords;
    private long batchBytes;
    private long records;
    private Progress progress;

    /**
     * @param workDir where the SST files are written before they are ingested; must be on the
     *                store's file system, so that ingesting moves them instead of copying
     */
    public Importer(BulkLoader store, HandleKeys keys, RecordLineParser json, ImportOptions options, Path workDir,
                    PrintWriter err) {
        this.store = store;
        this.maxInFlight = 2 * options.parserThreads() + 2;
        this.pool = new BufferPool(CHUNK_SIZE, 2 * (maxInFlight + QUEUED_BLOCKS) + 4);
        this.parser = new ChunkParser(json, keys, options.importTime(), pool);
        this.options = options;
        this.errors = new ErrorReport(err, options.maxErrorsShown());
        this.workDir = workDir;
        this.err = err;
    }

    /**
     * Imports the named inputs ({@code -} = standard input); one run per instance. Failures before the
     * ingest apply nothing and propagate as {@link UncheckedIOException} or the storage exception;
     * a failure during it as {@link IngestException}.
     */
    /**
     * Folders of an import that was killed: nothing else uses them (this import holds the store's
     * lock, so no other runs on this data directory), and nothing of them was ever ingested.
     */
    private void removeLeftovers() throws java.io.IOException {
        try (java.nio.file.DirectoryStream<Path> old = Files.newDirectoryStream(workDir, "import-tmp-*")) {
            for (Path p : old) {
                Inputs.deleteTree(p);
                err.println("idnode import: removed " + p.getFileName() + ", left by an import that did not finish");
            }
        }
    }

    public ImportResult run(List<String> inputs) {
        long t0 = System.nanoTime();
        names = List.copyOf(inputs);
        Path tmp = null;
        parsers = Executors.newFixedThreadPool(options.parserThreads(), daemon("idnode-import-parse"));
        writer = Executors.newSingleThreadExecutor(daemon("idnode-import-sst"));
        progress = new Progress(err, options.progress());
        try {
            removeLeftovers();
            tmp = Files.createTempDirectory(workDir, "import-tmp-");
            sink = new SstSink(store, tmp, names, errors);
            for (int f = 0; f < names.size(); f++) {
                readFile(f);
            }
            endBatch();
            while (!writes.isEmpty()) {
                get(writes.poll());
            }
            boolean apply = errors.count() == 0;
            if (apply) {
                ingest(sink.files());
            }
            return new ImportResult(records, apply ? sink.written() : 0, errors.count(), apply,
                    apply ? sink.files().size() : 0, System.nanoTime() - t0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            progress.close();
            parsers.shutdownNow();
            writer.shutdownNow();
            try {
                writer.awaitTermination(1, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (sink != null) {
                sink.abandon();
            }
            Inputs.deleteTree(tmp);
        }
    }

    /** One file per call, in the order they were made (later ones win), so a failure can say how far it got. */
    private void ingest(List<Path> files) {
        for (int i = 0; i < files.size(); i++) {
            try {
                store.ingest(List.of(files.get(i)));
            } catch (RuntimeException e) {
                throw new IngestException(i, files.size(), e);
            }
        }
    }

    /** Bad lines not printed because of the cap. */
    public long errorsNotShown() {
        return errors.notShown();
    }

    /** Per file: lines before the current chunk, and a CSV handle that may continue in the next chunk. */
    private static final class FileState {
        final int file;
        final InputFormat format;
        long lines;
        CsvGroup pending;

        FileState(int file, InputFormat format) {
            this.file = file;
            this.format = format;
        }
    }

    private void readFile(int f) throws IOException {
        String name = names.get(f);
        Inputs.Input input = Inputs.open(name, options.format());
        try (InputStream in = input.in()) {
            InputFormat format = input.format();
            FileState st = new FileState(f, format);
            ChunkReader reader = new ChunkReader(in, format, pool, JsonRecordParser.MAX_LINE);
            ArrayDeque<Future<ParsedChunk>> inFlight = new ArrayDeque<>();
            try {
                for (Chunk c; (c = reader.next()) != null; ) {
                    Chunk chunk = c;
                    inFlight.add(parsers.submit(() -> parser.parse(chunk, format, f)));
                    while (inFlight.size() >= maxInFlight) {
                        collect(st, inFlight.poll());
                    }
                }
            } catch (ChunkReader.RecordTooLong e) {
                while (!inFlight.isEmpty()) {
                    collect(st, inFlight.poll());
                }
                errors.report(name, new BadLine(st.lines + 1, e.getMessage() + "; the rest of the file was not read"));
            }
            while (!inFlight.isEmpty()) {
                collect(st, inFlight.poll());
            }
            if (st.pending != null) {
                finishGroup(st, st.pending);
                st.pending = null;
            }
        }
    }

    private void collect(FileState st, Future<ParsedChunk> future) throws IOException {
        ParsedChunk r = get(future);
        String name = names.get(st.file);
        long base = st.lines;
        for (BadLine b : r.errors()) {
            errors.report(name, b.shifted(base));
        }
        records += r.records();
        progress.add(r.records());
        st.lines += r.newlines();
        if (st.format == InputFormat.CSV) {
            joinCsv(st, r, base);
            return;
        }
        submit(r.block(), false);
    }

    /**
     * CSV chunks end at line breaks, not where a handle's lines end: the first handle of a chunk may
     * continue the last one of the chunk before. Those two are joined here, in file order.
     */
    private void joinCsv(FileState st, ParsedChunk r, long base) throws IOException {
        CsvGroup head = r.head();
        CsvGroup tail = r.tail();
        if (head == null) {
            return;
        }
        head.shiftLines(base);
        if (tail != head) {
            tail.shiftLines(base);
        }
        if (st.pending != null && st.pending.sameHandle(head.key)) {
            List<BadLine> joinErrors = new ArrayList<>(0);
            st.pending.absorb(head, joinErrors);
            joinErrors.forEach(b -> errors.report(names.get(st.file), b));
        } else {
            if (st.pending != null) {
                finishGroup(st, st.pending);
            }
            st.pending = head;
        }
        if (tail != head) {
            finishGroup(st, st.pending);
            shiftLines(r.block(), base);
            submit(r.block(), true);
            st.pending = tail;
        }
    }

    private void finishGroup(FileState st, CsvGroup g) throws IOException {
        List<BadLine> groupErrors = new ArrayList<>(0);
        byte[] record = g.encode(groupErrors);
        groupErrors.forEach(b -> errors.report(names.get(st.file), b));
        if (record != null) {
            RecordBlock one = new RecordBlock(record.length + g.key.length + 32);
            one.add(g.key, record, st.file, g.firstLine(), true);
            submit(one, true);
        }
    }

    /** Chunk-relative line numbers become file line numbers (CSV: error messages of the SST thread use them). */
    private static void shiftLines(RecordBlock b, long by) {
        for (int at = 0; at < b.size; at += RecordBlock.length(b.data, at)) {
            RecordBlock.shiftLine(b.data, at, by);
        }
    }

    /** Hands records to the SST thread, in input order; ends the batch when it is full. */
    private void submit(RecordBlock b, boolean csv) throws IOException {
        if (errors.count() > 0 || b.count == 0) {
            return; // the run will not be applied; reading goes on only to report
        }
        try {
            queued.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        writes.add(writer.submit(() -> {
            try {
                sink.accept(b, csv);
            } finally {
                pool.give(b.data);
                queued.release();
            }
        }));
        while (!writes.isEmpty() && writes.peek().isDone()) {
            get(writes.poll());
        }
        batchRecords += b.count;
        batchBytes += b.size;
        if (batchRecords >= options.batchRecords() || batchBytes >= maxBatchBytes) {
            endBatch();
        }
    }

    private void endBatch() {
        writes.add(writer.submit(sink::endBatch));
        batchRecords = 0;
        batchBytes = 0;
    }

    private static <T> T get(Future<T> f) throws IOException {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof RuntimeException re) {
                throw re;
            }
            if (c instanceof Error er) {
                throw er;
            }
            throw new IOException(c);
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }
}
