package org.idnode.protocol.model;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * One handle value (handle-protocol.md §5). Immutable: the data array is copied in and out.
 *
 * @param ttlType     0 relative (seconds), 1 absolute (epoch seconds)
 * @param permissions bits 0x08 admin read, 0x04 admin write, 0x02 public read, 0x01 public write
 */
public record HandleValue(int index, int timestamp, int ttlType, int ttl, int permissions, String type,
                          byte[] data, List<ValueReference> references) {
    public static final int TTL_RELATIVE = 0;
    public static final int TTL_ABSOLUTE = 1;
    public static final int DEFAULT_TTL = 86400;
    public static final int ADMIN_READ = 0x08;
    public static final int ADMIN_WRITE = 0x04;
    public static final int PUBLIC_READ = 0x02;
    public static final int PUBLIC_WRITE = 0x01;
    /** "1110": admin read and write, public read (§5). */
    public static final int DEFAULT_PERMISSIONS = ADMIN_READ | ADMIN_WRITE | PUBLIC_READ;

    public HandleValue {
        if (type == null) {
            throw new IllegalArgumentException("type: null");
        }
        data = data == null ? new byte[0] : data.clone();
        references = references == null ? List.of() : List.copyOf(references);
    }

    /** A value with default TTL and permissions, no timestamp, no references. */
    public static HandleValue of(int index, String type, byte[] data) {
        return new HandleValue(index, 0, TTL_RELATIVE, DEFAULT_TTL, DEFAULT_PERMISSIONS, type, data, List.of());
    }

    public static HandleValue text(int index, String type, String text) {
        return of(index, type, text.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public byte[] data() {
        return data.clone();
    }

    public int dataLength() {
        return data.length;
    }

    public String dataAsText() {
        return new String(data, StandardCharsets.UTF_8);
    }

    public boolean publicRead() {
        return (permissions & PUBLIC_READ) != 0;
    }

    public HandleValue withTimestamp(int ts) {
        return new HandleValue(index, ts, ttlType, ttl, permissions, type, data, references);
    }

    public HandleValue withIndex(int newIndex) {
        return new HandleValue(newIndex, timestamp, ttlType, ttl, permissions, type, data, references);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HandleValue v && index == v.index && timestamp == v.timestamp && ttlType == v.ttlType
                && ttl == v.ttl && permissions == v.permissions && type.equals(v.type) && Arrays.equals(data, v.data)
                && references.equals(v.references);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * index + type.hashCode()) + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "HandleValue[" + index + " " + type + " " + data.length + " octets]";
    }
}
