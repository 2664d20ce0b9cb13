package org.idnode.node.importer;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.idnode.node.config.Prefixes;
import org.idnode.protocol.Limits;
import org.idnode.protocol.codec.Wire;
import org.idnode.protocol.model.HandleValue;

/**
 * What an imported record must satisfy, whatever the input format. The bounds are those of the wire
 * (handle-protocol.md §1, §3, §8.2), so that everything imported can also be resolved: a handle of at
 * most 2048 octets, at most 2048 values, and a record that fits one response message.
 */
final class RecordRules {
    static final int MAX_HANDLE_OCTETS = Limits.MAX_HANDLE_LENGTH;
    static final int MAX_VALUES = Limits.MAX_VALUES;
    /** Type names: far longer than any real type; a bound so a garbage line can't make a huge one. */
    static final int MAX_TYPE_OCTETS = 1024;
    /**
     * A record's encoded values (plus the handle echo) must fit one response message (§3) with room
     * left for header, request digest and a signature (§8.1, §9).
     */
    static final int MAX_RECORD_OCTETS = Limits.MAX_MESSAGE_LENGTH - 4096;

    private RecordRules() {
    }

    /**
     * {@code prefix/suffix}: the prefix as a node accepts it for homing (no spaces or control
     * characters, no empty labels), a non-empty suffix without control characters, valid Unicode,
     * at most 2048 octets of UTF-8. Control characters are legal in CNRI handles but in an import
     * file they are nearly always a broken line, so they are refused.
     */
    static void checkHandle(String handle) throws LineError {
        if (handle.isEmpty()) {
            throw LineError.invalid("handle", "\"\"", "prefix/suffix");
        }
        int slash = handle.indexOf('/');
        if (slash <= 0 || slash == handle.length() - 1) {
            throw LineError.invalid("handle", Show.quoted(handle), "prefix/suffix, both non-empty");
        }
        for (int i = 0; i < handle.length(); i++) {
            char c = handle.charAt(i);
            if (c < 0x20 || c == 0x7F) {
                throw LineError.invalid("handle", Show.quoted(handle), "no control characters (found U+"
                        + String.format("%04X", (int) c) + " at " + i + ")");
            }
            if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < handle.length() && Character.isLowSurrogate(handle.charAt(i + 1))) {
                    i++;
                } else {
                    throw LineError.invalid("handle", Show.quoted(handle), "valid Unicode (lone surrogate at " + i + ")");
                }
            }
        }
        int octets = Wire.utf8Length(handle);
        if (octets > MAX_HANDLE_OCTETS) {
            throw LineError.invalid("handle", octets + " octets", "at most " + MAX_HANDLE_OCTETS);
        }
        String prefix = handle.substring(0, slash);
        if (!Prefixes.isValidPrefix(prefix)) {
            throw LineError.invalid("handle prefix", Show.quoted(prefix), "a prefix such as 88.118.8 (no spaces, no empty labels)");
        }
    }

    static void checkType(String type, String field) throws LineError {
        if (type.isEmpty()) {
            throw LineError.invalid(field, "\"\"", "a non-empty type such as URL");
        }
        int octets = Wire.utf8Length(type);
        if (octets > MAX_TYPE_OCTETS) {
            throw LineError.invalid(field, octets + " octets", "at most " + MAX_TYPE_OCTETS);
        }
    }

    static void checkIndex(long index, String field) throws LineError {
        if (index <= 0 || index > Integer.MAX_VALUE) {
            throw LineError.invalid(field, String.valueOf(index), "an index 1.." + Integer.MAX_VALUE);
        }
    }

    /** Count, duplicate indexes (RC 201 on the wire, §8.4). Values are checked one by one where they are read. */
    static void checkValues(List<HandleValue> values) throws LineError {
        if (values.isEmpty()) {
            throw LineError.invalid("values", "[]", "at least one value");
        }
        if (values.size() > MAX_VALUES) {
            throw LineError.invalid("values", values.size() + " values", "at most " + MAX_VALUES);
        }
        int n = values.size();
        if (n <= 16) {
            for (int i = 1; i < n; i++) {
                for (int j = 0; j < i; j++) {
                    if (values.get(i).index() == values.get(j).index()) {
                        throw duplicate(values.get(i).index(), i);
                    }
                }
            }
            return;
        }
        Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < n; i++) {
            if (!seen.add(values.get(i).index())) {
                throw duplicate(values.get(i).index(), i);
            }
        }
    }

    private static LineError duplicate(int index, int at) {
        return LineError.invalid("values[" + at + "].index", String.valueOf(index), "an index not used by another value of the record");
    }

    static void checkRecordSize(int recordOctets, int handleOctets) throws LineError {
        if ((long) recordOctets + handleOctets > MAX_RECORD_OCTETS) {
            throw LineError.invalid("record", (recordOctets + handleOctets) + " octets encoded",
                    "at most " + MAX_RECORD_OCTETS + ", so that it fits one response message");
        }
    }
}
