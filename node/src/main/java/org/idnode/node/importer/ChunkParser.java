package org.idnode.node.importer;

import java.util.ArrayList;
import java.util.List;
import org.idnode.node.storage.HandleKeys;
import org.idnode.node.storage.StoredRecord;
import org.idnode.protocol.model.HandleValue;

/** Turns one chunk of whole lines into checked, encoded records; runs on the parser threads. */
final class ChunkParser {
    private final RecordLineParser json;
    private final HandleKeys keys;
    private final int importTime;

    private final BufferPool pool;

    ChunkParser(RecordLineParser json, HandleKeys keys, int importTime, BufferPool pool) {
        this.json = json;
        this.keys = keys;
        this.importTime = importTime;
        this.pool = pool;
    }

    /** Parses the chunk and gives its array back to the pool: nothing parsed refers to it. */
    ParsedChunk parse(Chunk c, InputFormat format, int file) {
        try {
            return format == InputFormat.JSON ? json(c, file) : csv(c, file);
        } finally {
            pool.give(c.buf());
        }
    }

    private ParsedChunk json(Chunk c, int file) {
        // Encoded records take less room than their JSON, so one pooled array is nearly always enough.
        RecordBlock block = new RecordBlock(pool.take());
        List<BadLine> errors = new ArrayList<>(0);
        byte[] b = c.buf();
        int end = c.off() + c.len();
        long line = 0;
        long records = 0;
        for (int s = c.off(); s < end; ) {
            line++;
            int nl = LineScan.lineEnd(b, s, end);
            int e = nl > s && b[nl - 1] == '\r' ? nl - 1 : nl;
            if (!blank(b, s, e)) {
                records++;
                try {
                    ParsedRecord r = json.parse(b, s, e - s, importTime);
                    byte[] key = keys.key(r.handle());
                    byte[] record = StoredRecord.encode(r.values());
                    RecordRules.checkRecordSize(record.length, key.length);
                    block.add(key, record, file, line, false);
                } catch (LineError err) {
                    errors.add(new BadLine(line, err.getMessage()));
                }
            }
            s = nl + 1;
        }
        long newlines = end > c.off() && b[end - 1] == '\n' ? line : Math.max(0, line - 1);
        return new ParsedChunk(block, errors, newlines, records, null, null);
    }

    private static boolean blank(byte[] b, int s, int e) {
        for (int i = s; i < e; i++) {
            if (b[i] != ' ' && b[i] != '\t') {
                return false;
            }
        }
        return true;
    }

    private ParsedChunk csv(Chunk c, int file) {
        RecordBlock block = new RecordBlock(pool.take());
        List<BadLine> errors = new ArrayList<>(0);
        CsvRecords rows = new CsvRecords(c.buf(), c.off(), c.len());
        CsvGroup head = null;
        CsvGroup current = null;
        long records = 0;
        for (CsvRecords.Row row; (row = rows.next()) != null; ) {
            if (c.firstInFile() && row.line() == 1 && row.fields() != null && isHeader(row.fields())) {
                continue;
            }
            records++;
            if (row.error() != null) {
                errors.add(new BadLine(row.line(), row.error().getMessage()));
                if (current != null) {
                    // The bad line may have belonged to it; never store a record with a line missing.
                    current.markBad();
                }
                continue;
            }
            String handle;
            HandleValue v;
            try {
                List<String> f = row.fields();
                if (f.size() != 4) {
                    throw LineError.invalid("line", f.size() + " fields", "4: handle,index,type,value");
                }
                handle = f.get(0);
                RecordRules.checkHandle(handle);
                long index = parseIndex(f.get(1));
                RecordRules.checkIndex(index, "index");
                RecordRules.checkType(f.get(2), "type");
                v = HandleValue.of((int) index, f.get(2), DataText.utf8(f.get(3), "value")).withTimestamp(importTime);
            } catch (LineError err) {
                errors.add(new BadLine(row.line(), err.getMessage()));
                if (current != null) {
                    current.markBad();
                }
                continue;
            }
            byte[] key = keys.key(handle);
            if (current == null || !current.sameHandle(key)) {
                if (current != null && current != head) {
                    byte[] record = current.encode(errors);
                    if (record != null) {
                        block.add(current.key, record, file, current.firstLine(), true);
                    }
                }
                current = new CsvGroup(handle, key, row.line());
                if (head == null) {
                    head = current;
                }
            }
            BadLine dup = current.add(v, row.line());
            if (dup != null) {
                errors.add(dup);
            }
        }
        return new ParsedChunk(block, errors, rows.newlines(), records, head, current);
    }

    static boolean isHeader(List<String> f) {
        return f.size() == 4 && f.get(0).trim().equalsIgnoreCase("handle") && f.get(1).trim().equalsIgnoreCase("index")
                && f.get(2).trim().equalsIgnoreCase("type") && f.get(3).trim().equalsIgnoreCase("value");
    }

    private static long parseIndex(String s) throws LineError {
        String t = s.trim();
        if (t.isEmpty() || t.length() > 12 || !t.chars().allMatch(ch -> ch >= '0' && ch <= '9' || ch == '-')) {
            throw LineError.invalid("index", Show.quoted(s), "an index 1.." + Integer.MAX_VALUE);
        }
        try {
            return Long.parseLong(t);
        } catch (NumberFormatException e) {
            throw LineError.invalid("index", Show.quoted(s), "an index 1.." + Integer.MAX_VALUE);
        }
    }
}
