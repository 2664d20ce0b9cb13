package org.idnode.node.importer;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * RFC 4180 records in a run of CSV octets: fields separated by commas, optionally quoted with
 * {@code "}, a quote inside a quoted field doubled, line breaks (CRLF or LF) allowed inside quoted
 * fields. A record ends at the first line break outside quotes, so a bad record never takes its
 * neighbours with it: the next one starts after its line break.
 */
final class CsvRecords {
    private final byte[] b;
    private final int end;
    private int pos;
    private long line = 1;
    private final ByteArrayOutputStream quoted = new ByteArrayOutputStream(128);

    /** One record: its fields, or the error that made it unreadable; {@code line} is where it starts. */
    record Row(long line, List<String> fields, LineError error) {
    }

    CsvRecords(byte[] b, int off, int len) {
        this.b = b;
        this.pos = off;
        this.end = off + len;
    }

    /** The next non-blank record, or null at the end. */
    Row next() {
        while (pos < end) {
            long startLine = line;
            int start = pos;
            int stop = recordEnd(start);
            boolean unterminated = stop < 0;
            int recEnd = unterminated ? end : stop;
            pos = unterminated ? end : stop + 1;
            for (int i = start; i < recEnd; i++) {
                if (b[i] == '\n') {
                    line++;
                }
            }
            if (recEnd < end) {
                line++; // the line break that ends the record
            }
            int e = recEnd > start && b[recEnd - 1] == '\r' ? recEnd - 1 : recEnd;
            if (e == start) {
                continue;
            }
            if (unterminated) {
                return new Row(startLine, null, new LineError("unterminated quoted field: the file ends inside quotes"));
            }
            try {
                return new Row(startLine, fields(start, e), null);
            } catch (LineError err) {
                return new Row(startLine, null, err);
            }
        }
        return null;
    }

    /** Line breaks consumed so far. */
    long newlines() {
        return line - 1;
    }

    private int recordEnd(int from) {
        return recordEnd(b, from, end, true);
    }

    /**
     * Index of the line break that ends the record at {@code from}; {@code end} for a last record without
     * one; -1 if the input ends inside quotes. RFC 4180: a quote opens a quoted field only at the start
     * of a field; anywhere else it is an ordinary octet (and a bad field, reported by {@link #fields}),
     * so a stray quote can't swallow the lines after it. {@code atEof}: whether {@code end} is the end of
     * the input; if not, a quote as the very last octet may be half of a doubled quote, so it is undecided.
     */
    static int recordEnd(byte[] b, int from, int end, boolean atEof) {
        boolean fieldStart = true;
        boolean inQuotes = false;
        for (int i = from; i < end; i++) {
            byte c = b[i];
            if (inQuotes) {
                if (c == '"') {
                    if (i + 1 < end) {
                        if (b[i + 1] == '"') {
                            i++;
                        } else {
                            inQuotes = false;
                        }
                    } else if (atEof) {
                        inQuotes = false;
                    } else {
                        return -1;
                    }
                }
            } else if (c == '\n') {
                return i;
            } else if (c == '"' && fieldStart) {
                inQuotes = true;
                fieldStart = false;
            } else {
                fieldStart = c == ',';
            }
        }
        return inQuotes ? -1 : end;
    }

    private List<String> fields(int s, int e) throws LineError {
        List<String> out = new ArrayList<>(4);
        int i = s;
        while (true) {
            if (i < e && b[i] == '"') {
                quoted.reset();
                i++;
                while (true) {
                    if (i >= e) {
                        throw new LineError("field " + (out.size() + 1) + ": unterminated quoted field");
                    }
                    if (b[i] == '"') {
                        if (i + 1 < e && b[i + 1] == '"') {
                            quoted.write('"');
                            i += 2;
                            continue;
                        }
                        i++;
                        break;
                    }
                    quoted.write(b[i++]);
                }
                if (i < e && b[i] != ',') {
                    throw new LineError("field " + (out.size() + 1) + ": text after the closing quote (expected: a comma)");
                }
                byte[] q = quoted.toByteArray();
                out.add(Utf8.decode(q, 0, q.length, "field " + (out.size() + 1)));
            } else {
                int start = i;
                while (i < e && b[i] != ',') {
                    if (b[i] == '"') {
                        throw new LineError("field " + (out.size() + 1)
                                + ": a quote inside an unquoted field (expected: the field quoted, with the quote doubled)");
                    }
                    i++;
                }
                out.add(Utf8.decode(b, start, i - start, "field " + (out.size() + 1)));
            }
            if (i >= e) {
                return out;
            }
            i++; // the comma
            if (i == e) {
                out.add("");
                return out;
            }
        }
    }

    /** Position just after the last complete record in {@code b[from, to)}, or -1 if there is none (chunking). */
    static int lastRecordEnd(byte[] b, int from, int to) {
        int last = -1;
        for (int p = from; p < to; ) {
            int e = recordEnd(b, p, to, false);
            if (e < 0 || e == to) {
                break;
            }
            last = e + 1;
            p = e + 1;
        }
        return last;
    }
}
