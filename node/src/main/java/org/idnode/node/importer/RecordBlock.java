package org.idnode.node.importer;

import java.util.Arrays;

/**
 * Records packed into one growing byte array instead of an object each: a bulk import holds millions
 * of records until they are sorted, and millions of small live objects make every young GC copy them
 * all again. An entry is
 * <pre>
 *   u8 csv | int4 file | int8 line | int4 keyLength | key | int4 recordLength | record
 * </pre>
 * where {@code file} and {@code line} say where the record came from, for duplicate handling and
 * error messages.
 */
final class RecordBlock {
    static final int HEADER = 1 + 4 + 8;

    byte[] data;
    int size;
    int count;

    RecordBlock(int capacity) {
        data = new byte[Math.max(capacity, 64)];
    }

    /** A block in a pooled array, for the records of one chunk. */
    RecordBlock(byte[] pooled) {
        data = pooled;
    }

    void add(byte[] key, byte[] record, int file, long line, boolean csv) {
        int need = HEADER + 4 + key.length + 4 + record.length;
        if (data.length - size < need) {
            data = Arrays.copyOf(data, Math.max(data.length * 2, size + need));
        }
        size = put(data, size, key, record, file, line, csv);
        count++;
    }

    /** Writes one entry at {@code at}; returns the position after it. */
    static int put(byte[] d, int at, byte[] key, byte[] record, int file, long line, boolean csv) {
        d[at] = (byte) (csv ? 1 : 0);
        putInt(d, at + 1, file);
        putLong(d, at + 5, line);
        int p = at + HEADER;
        putInt(d, p, key.length);
        System.arraycopy(key, 0, d, p + 4, key.length);
        p += 4 + key.length;
        putInt(d, p, record.length);
        System.arraycopy(record, 0, d, p + 4, record.length);
        return p + 4 + record.length;
    }

    /** Length of the entry at {@code at}. */
    static int length(byte[] d, int at) {
        int k = getInt(d, at + HEADER);
        return HEADER + 4 + k + 4 + getInt(d, at + HEADER + 4 + k);
    }

    static boolean csv(byte[] d, int at) {
        return d[at] != 0;
    }

    static int file(byte[] d, int at) {
        return getInt(d, at + 1);
    }

    static long line(byte[] d, int at) {
        return getLong(d, at + 5);
    }

    static void shiftLine(byte[] d, int at, long by) {
        putLong(d, at + 5, getLong(d, at + 5) + by);
    }

    static int keyOffset(int at) {
        return at + HEADER + 4;
    }

    static int keyLength(byte[] d, int at) {
        return getInt(d, at + HEADER);
    }

    static byte[] key(byte[] d, int at) {
        int k = keyLength(d, at);
        return Arrays.copyOfRange(d, keyOffset(at), keyOffset(at) + k);
    }

    static byte[] record(byte[] d, int at) {
        int p = keyOffset(at) + keyLength(d, at);
        int n = getInt(d, p);
        return Arrays.copyOfRange(d, p + 4, p + 4 + n);
    }

    static int getInt(byte[] b, int p) {
        return (b[p] << 24) | ((b[p + 1] & 0xFF) << 16) | ((b[p + 2] & 0xFF) << 8) | (b[p + 3] & 0xFF);
    }

    static void putInt(byte[] b, int p, int v) {
        b[p] = (byte) (v >>> 24);
        b[p + 1] = (byte) (v >>> 16);
        b[p + 2] = (byte) (v >>> 8);
        b[p + 3] = (byte) v;
    }

    static long getLong(byte[] b, int p) {
        return ((long) getInt(b, p) << 32) | (getInt(b, p + 4) & 0xFFFFFFFFL);
    }

    static void putLong(byte[] b, int p, long v) {
        putInt(b, p, (int) (v >>> 32));
        putInt(b, p + 4, (int) v);
    }
}
