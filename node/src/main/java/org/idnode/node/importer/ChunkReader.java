package org.idnode.node.importer;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Cuts an input stream into chunks of whole lines (whole CSV records: a line break inside quotes does
 * not end one), each in its own array so that parser threads can own them. A record longer than
 * {@code maxRecord} stops the file with {@link RecordTooLong}: without a bound, one broken quote or a
 * file with no line breaks would be read into memory whole.
 */
final class ChunkReader {
    private final InputStream in;
    private final InputFormat format;
    private final int chunkSize;
    private final int maxRecord;
    private byte[] carry = new byte[0];
    private int carryLen;
    private boolean eof;
    private boolean first = true;
    private final BufferPool pool;

    /** A record longer than the bound; the caller knows which line it starts on. */
    static final class RecordTooLong extends Exception {
        private static final long serialVersionUID = 1L;

        RecordTooLong(int max, InputFormat format) {
            super(format == InputFormat.CSV
                    ? "a record longer than " + max + " octets (expected: shorter lines; is a quote left open?)"
                    : "a line longer than " + max + " octets (expected: one record per line)", null, false, false);
        }
    }

    /** @param pool supplies chunk arrays of {@code chunkSize} octets; the parser gives them back */
    ChunkReader(InputStream in, InputFormat format, BufferPool pool, int maxRecord) {
        this.in = in;
        this.format = format;
        this.pool = pool;
        this.chunkSize = pool.size();
        this.maxRecord = maxRecord;
    }

    /** The next chunk, or null at the end of the input. */
    Chunk next() throws IOException, RecordTooLong {
        if (eof && carryLen == 0) {
            return null;
        }
        byte[] buf = carryLen <= chunkSize / 2 ? pool.take() : new byte[carryLen + chunkSize / 2];
        System.arraycopy(carry, 0, buf, 0, carryLen);
        int filled = carryLen;
        int scanned = 0;
        while (true) {
            while (!eof && filled < buf.length) {
                int n = in.read(buf, filled, buf.length - filled);
                if (n < 0) {
                    eof = true;
                } else {
                    filled += n;
                }
            }
            int cut = format == InputFormat.CSV ? CsvRecords.lastRecordEnd(buf, 0, filled) : lastLineEnd(buf, scanned, filled);
            if (cut > 0 || eof) {
                // At the end of the input, the last line needs no line break: it all goes.
                int len = eof ? filled : cut;
                carryLen = filled - len;
                if (carry.length < carryLen) {
                    carry = new byte[Math.max(carryLen, chunkSize / 2)];
                }
                System.arraycopy(buf, len, carry, 0, carryLen);
                boolean firstInFile = first;
                first = false;
                return len == 0 ? null : new Chunk(buf, 0, len, firstInFile);
            }
            if (filled > maxRecord) {
                throw new RecordTooLong(maxRecord, format);
            }
            scanned = filled;
            buf = Arrays.copyOf(buf, Math.min(buf.length * 2, maxRecord + chunkSize));
        }
    }

    private static int lastLineEnd(byte[] b, int from, int to) {
        for (int i = to - 1; i >= from; i--) {
            if (b[i] == '\n') {
                return i + 1;
            }
        }
        return -1;
    }
}
