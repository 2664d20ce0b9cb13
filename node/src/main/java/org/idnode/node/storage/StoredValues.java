package org.idnode.node.storage;

import org.idnode.protocol.ProtocolException;
import org.idnode.protocol.codec.ValueCodec;
import org.idnode.protocol.model.HandleValue;

/**
 * Walks the values of a {@link StoredRecord} in place, without building objects: the filters of a
 * resolution (§8.2) look only at the index, the permissions and the type octets of each value.
 */
public final class StoredValues {
    private StoredValues() {
    }

    public static int count(byte[] record) {
        return readInt(record, StoredRecord.VALUES_OFFSET);
    }

    /** Offset of the first value. */
    public static int first() {
        return StoredRecord.VALUES_OFFSET + 4;
    }

    /** Encoded length of the value at {@code offset} (§5 layout). */
    public static int length(byte[] record, int offset) {
        int p = offset + ValueCodec.FIXED_PART;
        p += 4 + checkedLength(record, p);
        p += 4 + checkedLength(record, p);
        int refs = readInt(record, p);
        p += 4;
        for (int i = 0; i < refs; i++) {
            p += 4 + checkedLength(record, p) + 4;
        }
        if (p > record.length) {
            throw ProtocolException.malformed("stored value", p - offset, "at most " + (record.length - offset) + " octets");
        }
        return p - offset;
    }

    public static int index(byte[] record, int offset) {
        return readInt(record, offset);
    }

    public static boolean publicRead(byte[] record, int offset) {
        return (record[offset + 13] & HandleValue.PUBLIC_READ) != 0;
    }

    public static boolean adminRead(byte[] record, int offset) {
        return (record[offset + 13] & HandleValue.ADMIN_READ) != 0;
    }

    /**
     * §8.2 type filter: ASCII case-insensitive; a filter entry ending in '.' matches that type and
     * its subtypes ({@code URL.} matches {@code URL} and {@code URL.x}), otherwise only exactly.
     * {@code filter} is upper-cased already.
     */
    public static boolean typeMatches(byte[] record, int offset, byte[] filter) {
        int at = offset + ValueCodec.FIXED_PART;
        int n = readInt(record, at);
        at += 4;
        boolean subtypes = filter.length > 0 && filter[filter.length - 1] == '.';
        int stem = subtypes ? filter.length - 1 : filter.length;
        if (n == stem) {
            return equalsIgnoreCase(record, at, filter, stem);
        }
        return subtypes && n > stem && record[at + stem] == '.' && equalsIgnoreCase(record, at, filter, stem);
    }

    private static boolean equalsIgnoreCase(byte[] record, int at, byte[] upper, int n) {
        for (int i = 0; i < n; i++) {
            byte c = record[at + i];
            if (c >= 'a' && c <= 'z') {
                c -= 32;
            }
            if (c != upper[i]) {
                return false;
            }
        }
        return true;
    }

    private static int checkedLength(byte[] record, int p) {
        int n = readInt(record, p);
        if (n < 0 || n > record.length - p - 4) {
            throw ProtocolException.malformed("stored length", n, "0.." + (record.length - p - 4));
        }
        return n;
    }

    static int readInt(byte[] b, int p) {
        if (p + 4 > b.length) {
            throw ProtocolException.malformed("stored record", b.length, "more than " + (p + 4) + " octets");
        }
        return (b[p] << 24) | ((b[p + 1] & 0xFF) << 16) | ((b[p + 2] & 0xFF) << 8) | (b[p + 3] & 0xFF);
    }
}
