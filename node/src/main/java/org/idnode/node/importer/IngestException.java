package org.idnode.node.importer;

/**
 * Ingesting stopped part way (disk full, I/O error). Unlike any earlier failure, this one can leave
 * part of the run applied: the SST files ingested before it are in the store. The message says how
 * many; running the same import again after fixing the cause completes it.
 */
public final class IngestException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int ingested;

    IngestException(int ingested, int files, RuntimeException cause) {
        super("ingest stopped after " + ingested + " of " + files + " SST files"
                + (ingested > 0 ? " (the records of those are in the store; importing again completes the run)" : "")
                + ": " + cause.getMessage(), cause);
        this.ingested = ingested;
    }

    public int ingested() {
        return ingested;
    }
}
