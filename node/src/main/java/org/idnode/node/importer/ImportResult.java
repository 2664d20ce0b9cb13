package org.idnode.node.importer;

/**
 * @param records  non-blank input lines (CSV: value lines) read
 * @param stored   records written to SST files and ingested; 0 when nothing was applied. A handle given
 *                 more than once can count more than once (only its last record is kept), so this is
 *                 not a count of distinct handles
 * @param badLines lines rejected; any makes the whole run apply nothing
 * @param applied  whether the records were ingested into the store
 * @param sstFiles SST files ingested
 */
public record ImportResult(long records, long stored, long badLines, boolean applied, int sstFiles,
                           long nanos) {
    public double recordsPerSecond() {
        return nanos == 0 ? 0 : records * 1e9 / nanos;
    }
}
