package org.idnode.node.importer;

/**
 * Reads one JSON line in the REST record shape (handle-protocol.md §18):
 * {@code {"handle":"P/S","values":[{"index":1,"type":"URL","data":{"format":"string","value":"..."}}]}}.
 * The seam where the protocol module's JSON record parser ({@code org.idnode.protocol.json}) can
 * replace {@link JsonRecordParser}; implementations must be thread-safe and must return values that
 * pass {@link RecordRules}.
 */
public interface RecordLineParser {
    /**
     * @param importTime epoch seconds given to every value whose timestamp is absent or 0
     */
    ParsedRecord parse(byte[] buf, int off, int len, int importTime) throws LineError;
}
