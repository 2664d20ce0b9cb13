package org.idnode.node.importer;

/**
 * @param format         null = by file name ({@code .csv}, {@code .json}, {@code .jsonl}, {@code .ndjson}), else by content
 * @param batchRecords   records per SST file; bounds memory (two batches are held at a time)
 * @param parserThreads  threads that parse chunks
 * @param maxErrorsShown bad lines printed before only counting them
 * @param progress       print a progress line about every second
 * @param importTime     epoch seconds stamped on values that carry no timestamp
 */
public record ImportOptions(InputFormat format, int batchRecords, int parserThreads, int maxErrorsShown, boolean progress,
                            int importTime) {
    public static ImportOptions defaults() {
        return new ImportOptions(null, 2_000_000, Runtime.getRuntime().availableProcessors(), 20, false,
                (int) (System.currentTimeMillis() / 1000));
    }

    public ImportOptions withFormat(InputFormat f) {
        return new ImportOptions(f, batchRecords, parserThreads, maxErrorsShown, progress, importTime);
    }

    public ImportOptions withBatchRecords(int n) {
        return new ImportOptions(format, n, parserThreads, maxErrorsShown, progress, importTime);
    }

    public ImportOptions withMaxErrorsShown(int n) {
        return new ImportOptions(format, batchRecords, parserThreads, n, progress, importTime);
    }

    public ImportOptions withProgress(boolean p) {
        return new ImportOptions(format, batchRecords, parserThreads, maxErrorsShown, p, importTime);
    }
}
