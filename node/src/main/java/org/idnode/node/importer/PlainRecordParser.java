package org.idnode.node.importer;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.idnode.protocol.model.HandleValue;

/**
 * The fast path of {@link JsonRecordParser}: reads lines in the plain form that generators and
 * exports write, straight from the octets, with no parser object and no String per member, and
 * copies string data as the UTF-8 octets it already is. Plain means: members {@code handle} and
 * {@code values}; per value {@code index}, {@code type}, {@code data} (a string, or format
 * {@code "string"}), {@code ttl} (seconds) and {@code permissions} (4 bits); strings without escapes
 * or control characters; non-negative integers without sign, fraction or leading zeros; spaces and
 * tabs between tokens.
 *
 * <p>It never decides that a line is bad: on anything else, and on any record that breaks a rule,
 * it returns null and the full parser reads the line, so errors and every other form are handled in
 * one place. Whatever it returns, the full parser would have returned too.
 */
final class PlainRecordParser {
    private final byte[] b;
    private final int end;
    private int p;
    private boolean nonAscii;

    private PlainRecordParser(byte[] b, int off, int len) {
        this.b = b;
        this.p = off;
        this.end = off + len;
    }

    /** The record, or null when the line is not plain or not valid (the full parser then decides). */
    static ParsedRecord parse(byte[] b, int off, int len, int importTime) throws LineError {
        PlainRecordParser r = new PlainRecordParser(b, off, len);
        ParsedRecord rec = r.record(importTime);
        if (rec != null && r.nonAscii) {
            // Octets of strings were copied as they are: they must be real UTF-8.
            Utf8.check(b, off, len);
        }
        return rec;
    }

    private ParsedRecord record(int importTime) {
        ws();
        if (!take('{')) {
            return null;
        }
        String handle = null;
        List<HandleValue> values = null;
        do {
            ws();
            if (name("handle")) {
                if (handle != null || (handle = text()) == null) {
                    return null;
                }
            } else if (name("values")) {
                if (values != null || (values = values(importTime)) == null) {
                    return null;
                }
            } else {
                return null;
            }
            ws();
        } while (take(','));
        if (!take('}')) {
            return null;
        }
        ws();
        if (p != end || handle == null || values == null) {
            return null;
        }
        try {
            RecordRules.checkHandle(handle);
            RecordRules.checkValues(values);
        } catch (LineError e) {
            return null;
        }
        return new ParsedRecord(handle, values);
    }

    private List<HandleValue> values(int importTime) {
        if (!take('[')) {
            return null;
        }
        List<HandleValue> out = new ArrayList<>(4);
        ws();
        if (take(']')) {
            return null; // empty: an error the full parser words
        }
        do {
            ws();
            HandleValue v = value(importTime);
            if (v == null || out.size() == RecordRules.MAX_VALUES) {
                return null;
            }
            out.add(v);
            ws();
        } while (take(','));
        return take(']') ? out : null;
    }

    private HandleValue value(int importTime) {
        if (!take('{')) {
            return null;
        }
        long index = -1;
        long ttl = HandleValue.DEFAULT_TTL;
        int permissions = HandleValue.DEFAULT_PERMISSIONS;
        String type = null;
        byte[] data = null;
        int seen = 0;
        do {
            ws();
            int bit;
            if (name("index")) {
                bit = 1;
                index = number();
            } else if (name("type")) {
                bit = 2;
                type = text();
            } else if (name("data")) {
                bit = 4;
                data = data();
            } else if (name("ttl")) {
                bit = 8;
                ttl = number();
            } else if (name("permissions")) {
                bit = 16;
                permissions = bits();
            } else {
                return null;
            }
            if ((seen & bit) != 0 || index == -2 || ttl < 0 || permissions < 0 || (bit == 2 && type == null)
                    || (bit == 4 && data == null)) {
                return null;
            }
            seen |= bit;
            ws();
        } while (take(','));
        if (!take('}') || (seen & 7) != 7 || index < 1 || index > Integer.MAX_VALUE || ttl > Integer.MAX_VALUE
                || type.isEmpty() || type.length() > RecordRules.MAX_TYPE_OCTETS / 3) {
            return null;
        }
        return new HandleValue((int) index, importTime, HandleValue.TTL_RELATIVE, (int) ttl, permissions, type, data, List.of());
    }

    /** A bare string, or {@code {"format":"string","value":"..."}} in either order. */
    private byte[] data() {
        if (at('"')) {
            return octets();
        }
        if (!take('{')) {
            return null;
        }
        boolean format = false;
        byte[] value = null;
        do {
            ws();
            if (name("format")) {
                if (format || !literal("\"string\"")) {
                    return null;
                }
                format = true;
            } else if (name("value")) {
                if (value != null || (value = octets()) == null) {
                    return null;
                }
            } else {
                return null;
            }
            ws();
        } while (take(','));
        return take('}') && format ? value : null;
    }

    /** {@code "name"} then {@code :}; consumes nothing unless it matches. */
    private boolean name(String name) {
        int n = name.length();
        if (p + n + 2 > end || b[p] != '"' || b[p + n + 1] != '"') {
            return false;
        }
        for (int i = 0; i < n; i++) {
            if (b[p + 1 + i] != name.charAt(i)) {
                return false;
            }
        }
        int save = p;
        p += n + 2;
        ws();
        if (!take(':')) {
            p = save;
            return false;
        }
        ws();
        return true;
    }

    private boolean literal(String s) {
        if (p + s.length() > end) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (b[p + i] != s.charAt(i)) {
                return false;
            }
        }
        p += s.length();
        return true;
    }

    /** The octets of a string without escapes; null for anything else. */
    private byte[] octets() {
        int s = stringEnd();
        if (s < 0) {
            return null;
        }
        byte[] out = Arrays.copyOfRange(b, p + 1, s);
        p = s + 1;
        return out;
    }

    private String text() {
        int s = stringEnd();
        if (s < 0) {
            return null;
        }
        boolean ascii = true;
        for (int i = p + 1; i < s && ascii; i++) {
            ascii = b[i] >= 0;
        }
        String out = new String(b, p + 1, s - p - 1, ascii ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8);
        p = s + 1;
        return out;
    }

    /** Index of the closing quote of the string at {@code p}; -1 if there is none or it has an escape or a control character. */
    private int stringEnd() {
        if (!at('"')) {
            return -1;
        }
        for (int i = p + 1; i < end; i++) {
            byte c = b[i];
            if (c == '"') {
                return i;
            }
            if (c == '\\' || (c >= 0 && c < 0x20)) {
                return -1;
            }
            if (c < 0) {
                nonAscii = true;
            }
        }
        return -1;
    }

    /** A non-negative integer of up to 10 digits; -2 for anything else. */
    private long number() {
        int s = p;
        long v = 0;
        while (p < end && b[p] >= '0' && b[p] <= '9' && p - s < 11) {
            v = v * 10 + (b[p++] - '0');
        }
        int n = p - s;
        if (n == 0 || n > 10 || (n > 1 && b[s] == '0') || (p < end && (b[p] == '.' || b[p] == 'e' || b[p] == 'E'))) {
            return -2;
        }
        return v;
    }

    /** {@code "1110"}: admin read, admin write, public read, public write; -1 for anything else. */
    private int bits() {
        if (p + 6 > end || b[p] != '"' || b[p + 5] != '"') {
            return -1;
        }
        int v = 0;
        for (int i = 1; i <= 4; i++) {
            byte c = b[p + i];
            if (c != '0' && c != '1') {
                return -1;
            }
            v = v << 1 | (c - '0');
        }
        p += 6;
        return v;
    }

    private void ws() {
        while (p < end && (b[p] == ' ' || b[p] == '\t')) {
            p++;
        }
    }

    private boolean at(char c) {
        return p < end && b[p] == c;
    }

    private boolean take(char c) {
        if (p < end && b[p] == c) {
            p++;
            return true;
        }
        return false;
    }
}
