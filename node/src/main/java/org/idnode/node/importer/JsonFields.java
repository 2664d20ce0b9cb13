package org.idnode.node.importer;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonEOFException;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.idnode.protocol.model.ValueReference;

/**
 * Members of the §18 value shape read from a streaming parser positioned on them, for
 * {@link JsonRecordParser}; each failure is a {@link LineError} that names the field. Field paths are
 * built only when something is wrong: they would otherwise cost a string per member of every line.
 */
final class JsonFields {
    static final String FORMATS = "string, base64 or hex";

    private JsonFields() {
    }

    /** The octets of {@code data}, or null when it is in a structured format and {@code structured} will read the line. */
    static byte[] data(JsonParser p, JsonToken t, int i, boolean structured) throws IOException, LineError {
        if (t == JsonToken.VALUE_STRING) {
            return DataText.utf8(p.getText(), i);
        }
        String field = path(i, "data");
        if (t != JsonToken.START_OBJECT) {
            throw LineError.invalid(field, shown(p), "{\"format\":\"string\",\"value\":...} or a string");
        }
        String format = null;
        String text = null;
        boolean structuredValue = false;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken v = p.nextToken();
            if (name.equals("format")) {
                once(format != null, field + ".format");
                format = text(p, v, field + ".format", FORMATS);
            } else if (name.equals("value")) {
                once(text != null || structuredValue, field + ".value");
                if (v == JsonToken.VALUE_STRING) {
                    text = p.getText();
                } else if (v == JsonToken.START_OBJECT || v == JsonToken.START_ARRAY) {
                    structuredValue = true;
                    p.skipChildren();
                } else {
                    throw LineError.invalid(field + ".value", shown(p), "a string");
                }
            } else {
                p.skipChildren();
            }
        }
        if (format == null) {
            throw LineError.invalid(field + ".format", "missing", FORMATS);
        }
        // Format names are case-insensitive, as in the reference implementation.
        if (!format.equals("string")) {
            format = format.toLowerCase(java.util.Locale.ROOT);
        }
        boolean basic = format.equals("string") || format.equals("base64") || format.equals("hex");
        if (basic && structuredValue) {
            throw LineError.invalid(field + ".value", "an object or array", "a string for format " + format);
        }
        if (!basic) {
            if (structured) {
                return null;
            }
            throw LineError.invalid(field + ".format", Show.quoted(format), FORMATS
                    + "; admin, vlist, site and key data can be imported as hex or base64");
        }
        if (text == null) {
            throw LineError.invalid(field + ".value", "missing", "a string");
        }
        return switch (format) {
            case "string" -> DataText.utf8(text, i);
            case "base64" -> DataText.base64(text, field + ".value");
            default -> DataText.hex(text, field + ".value");
        };
    }

    static List<ValueReference> references(JsonParser p, JsonToken t, int i) throws IOException, LineError {
        String field = path(i, "references");
        if (t != JsonToken.START_ARRAY) {
            throw LineError.invalid(field, shown(p), "an array of {\"handle\",\"index\"}");
        }
        List<ValueReference> out = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
            String at = field + "[" + out.size() + "]";
            if (out.size() >= RecordRules.MAX_VALUES) {
                throw LineError.invalid(field, "more than " + RecordRules.MAX_VALUES, "at most " + RecordRules.MAX_VALUES);
            }
            if (p.currentToken() != JsonToken.START_OBJECT) {
                throw LineError.invalid(at, shown(p), "{\"handle\",\"index\"}");
            }
            String handle = null;
            long index = 0;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken v = p.nextToken();
                if (name.equals("handle")) {
                    handle = text(p, v, at + ".handle", "a handle string");
                } else if (name.equals("index")) {
                    index = integer(p, v, at + ".index");
                } else {
                    p.skipChildren();
                }
            }
            if (handle == null || handle.isEmpty() || DataText.utf8(handle, at + ".handle").length > RecordRules.MAX_HANDLE_OCTETS) {
                throw LineError.invalid(at + ".handle", handle == null ? "missing" : Show.quoted(handle),
                        "a handle of 1.." + RecordRules.MAX_HANDLE_OCTETS + " octets");
            }
            if (index < 0 || index > Integer.MAX_VALUE) {
                throw LineError.invalid(at + ".index", String.valueOf(index), "0.." + Integer.MAX_VALUE);
            }
            out.add(new ValueReference(handle, (int) index));
        }
        return out;
    }

    /** §18: 4 bits, admin read, admin write, public read, public write ("1110"), or "*" for all; also a number 0..15. */
    static int permissions(JsonParser p, JsonToken t, String field) throws IOException, LineError {
        if (t == JsonToken.VALUE_STRING) {
            String s = p.getText();
            if (s.equals("*")) {
                return 0x0F;
            }
            if (s.length() == 4 && s.chars().allMatch(c -> c == '0' || c == '1')) {
                return Integer.parseInt(s, 2);
            }
        } else if (t == JsonToken.VALUE_NUMBER_INT && p.getNumberType() == JsonParser.NumberType.INT
                && p.getIntValue() >= 0 && p.getIntValue() <= 15) {
            return p.getIntValue();
        }
        throw LineError.invalid(field, shown(p), "four bits such as \"1110\" (admin read, admin write, public read, public write)");
    }

    static long integer(JsonParser p, JsonToken t, int i, String member) throws IOException, LineError {
        if (t == JsonToken.VALUE_NUMBER_INT && p.getNumberType() == JsonParser.NumberType.INT) {
            return p.getIntValue();
        }
        return integer(p, t, path(i, member));
    }

    /** An integer; like the REST API, a decimal string is accepted too. */
    static long integer(JsonParser p, JsonToken t, String field) throws IOException, LineError {
        if (t == JsonToken.VALUE_NUMBER_INT && p.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
            return p.getLongValue();
        }
        if (t == JsonToken.VALUE_STRING && isDecimal(p.getText())) {
            return Long.parseLong(p.getText());
        }
        throw LineError.invalid(field, shown(p), "an integer");
    }

    static boolean isDecimal(String s) {
        int n = s.length();
        int i = n > 0 && s.charAt(0) == '-' ? 1 : 0;
        if (n == i || n - i > 12) {
            return false;
        }
        for (; i < n; i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    static long epochSeconds(String s, String field) throws LineError {
        try {
            long v = Instant.parse(s).getEpochSecond();
            if (v >= 0 && v <= Integer.MAX_VALUE) {
                return v;
            }
        } catch (DateTimeParseException e) {
            // reported below
        }
        throw LineError.invalid(field, Show.quoted(s), "an ISO-8601 instant such as 2024-01-01T00:00:00Z, 1970..2038");
    }

    static String text(JsonParser p, JsonToken t, int i, String member, String expected) throws IOException, LineError {
        if (t != JsonToken.VALUE_STRING) {
            throw LineError.invalid(path(i, member), shown(p), expected);
        }
        return p.getText();
    }

    static void once(boolean seenBefore, String field) throws LineError {
        if (seenBefore) {
            throw LineError.invalid(field, "given twice", "each member once");
        }
    }

    static String text(JsonParser p, JsonToken t, String field, String expected) throws IOException, LineError {
        if (t != JsonToken.VALUE_STRING) {
            throw LineError.invalid(field, shown(p), expected);
        }
        return p.getText();
    }

    static String path(int i, String member) {
        return member.isEmpty() ? "values[" + i + "]" : "values[" + i + "]." + member;
    }

    /** The current token as shown in a message. */
    static String shown(JsonParser p) throws IOException {
        JsonToken t = p.currentToken();
        if (t == null) {
            return "nothing";
        }
        return switch (t) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            case VALUE_STRING -> Show.quoted(p.getText());
            default -> p.getText().length() > Show.MAX ? p.getText().substring(0, Show.MAX) + "..." : p.getText();
        };
    }

    static String where(JsonEOFException e) {
        JsonToken t = e.getTokenBeingDecoded();
        return t == JsonToken.VALUE_STRING ? "a string" : t == JsonToken.FIELD_NAME ? "a member name" : "an object or array";
    }

    static String firstLine(JsonProcessingException e) {
        String m = String.valueOf(e.getOriginalMessage());
        int nl = m.indexOf('\n');
        m = nl >= 0 ? m.substring(0, nl) : m;
        return m.length() > 160 ? m.substring(0, 160) + "..." : m;
    }
}
