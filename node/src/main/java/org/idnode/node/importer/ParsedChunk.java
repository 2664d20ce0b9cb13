package org.idnode.node.importer;

import java.util.List;

/**
 * What a parser thread made of one chunk: its records, encoded and packed in {@code block}. Line numbers in it are relative to the chunk (1 = its first
 * line) until the collector, which knows how many lines came before, shifts them.
 *
 * @param newlines line breaks in the chunk, so the next chunk's first line is known
 * @param head     CSV: the first handle's lines, which may continue the previous chunk's last handle
 * @param tail     CSV: the last handle's lines, which may continue in the next chunk (same object as
 *                 {@code head} when the chunk holds one handle)
 */
record ParsedChunk(RecordBlock block, List<BadLine> errors, long newlines, long records, CsvGroup head, CsvGroup tail) {
}
