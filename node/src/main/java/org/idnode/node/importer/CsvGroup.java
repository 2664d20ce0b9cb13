package org.idnode.node.importer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.idnode.node.storage.StoredRecord;
import org.idnode.protocol.model.HandleValue;

/**
 * Consecutive CSV lines of one handle (same store key), collected into one record. A group can
 * straddle two chunks that are parsed on different threads; the halves are joined in file order
 * with {@link #absorb} before the record is encoded.
 */
final class CsvGroup {
    final String handle;
    final byte[] key;
    private long firstLine;
    private final List<HandleValue> values = new ArrayList<>(4);
    private long[] lines = new long[4];
    private boolean bad;

    CsvGroup(String handle, byte[] key, long firstLine) {
        this.handle = handle;
        this.key = key;
        this.firstLine = firstLine;
    }

    boolean sameHandle(byte[] otherKey) {
        return Arrays.equals(key, otherKey);
    }

    /** Adds a value; returns the error of its line (duplicate index, too many values), or null. */
    BadLine add(HandleValue v, long line) {
        for (int i = 0; i < values.size(); i++) {
            if (values.get(i).index() == v.index()) {
                bad = true;
                return new BadLine(line, "index: " + v.index() + " (expected: an index not used by another line of "
                        + Show.quoted(handle) + "; line " + lines[i] + " has it)");
            }
        }
        if (values.size() >= RecordRules.MAX_VALUES) {
            bad = true;
            return new BadLine(line, "handle " + Show.quoted(handle) + ": more than " + RecordRules.MAX_VALUES
                    + " values (expected: at most " + RecordRules.MAX_VALUES + ")");
        }
        if (values.size() == lines.length) {
            lines = Arrays.copyOf(lines, lines.length * 2);
        }
        lines[values.size()] = line;
        values.add(v);
        return null;
    }

    /** Marks the group as holding a bad line, so it is never encoded. */
    void markBad() {
        bad = true;
    }

    /** Appends the values of {@code next}, the continuation of this group in the following chunk. */
    void absorb(CsvGroup next, List<BadLine> errors) {
        bad |= next.bad;
        for (int i = 0; i < next.values.size(); i++) {
            BadLine e = add(next.values.get(i), next.lines[i]);
            if (e != null) {
                errors.add(e);
            }
        }
    }

    /** Lines are relative to their chunk until the chunk's place in the file is known. */
    void shiftLines(long by) {
        firstLine += by;
        for (int i = 0; i < values.size(); i++) {
            lines[i] += by;
        }
    }

    long firstLine() {
        return firstLine;
    }

    /** The encoded record, or null (with the error added) when it can't be stored. */
    byte[] encode(List<BadLine> errors) {
        if (bad) {
            return null;
        }
        byte[] record = StoredRecord.encode(values);
        try {
            RecordRules.checkRecordSize(record.length, key.length);
        } catch (LineError e) {
            errors.add(new BadLine(firstLine, "handle " + Show.quoted(handle) + ": " + e.getMessage()));
            return null;
        }
        return record;
    }
}
