package org.idnode.protocol.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.nio.charset.StandardCharsets;
import org.idnode.protocol.Limits;
import org.idnode.protocol.ResponseCodes;

/**
 * Typed, path-aware access to a parsed JSON tree: each accessor gets the path of the node it
 * looks at and throws an {@link InvalidJsonException} naming it, e.g. {@code values[2].index}.
 */
final class JsonTree {
    private JsonTree() {
    }

    static String child(String path, String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    static String index(String path, int i) {
        return path + "[" + i + "]";
    }

    /** A value as shown in an error message: its JSON text, cut short. */
    static String show(JsonNode n) {
        return clip(n.toString(), 80);
    }

    static String quote(String s) {
        return clip(TextNode.valueOf(s).toString(), 80);
    }

    static String clip(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max) + "...";
    }

    // ---- typed access; {@code path} is the path of the node handed in ----

    /** The member, or an error naming it when absent or JSON null. */
    static JsonNode required(JsonNode object, String path, String name, String expected) {
        JsonNode n = object.get(name);
        if (n == null || n.isNull()) {
            throw InvalidJsonException.invalid(child(path, name), n == null ? "missing" : "null", expected);
        }
        return n;
    }

    /** The member, or null when absent or JSON null (the reference treats both as "not given"). */
    static JsonNode optional(JsonNode object, String name) {
        JsonNode n = object.get(name);
        return n == null || n.isNull() ? null : n;
    }

    /** A required string member. */
    static String requiredText(JsonNode object, String path, String name, String expected) {
        return text(required(object, path, name, expected), child(path, name), expected);
    }

    static JsonNode object(JsonNode n, String path, String expected) {
        if (!n.isObject()) {
            throw InvalidJsonException.invalid(path, show(n), expected);
        }
        return n;
    }

    static JsonNode array(JsonNode n, String path, int maxSize, String expected) {
        if (!n.isArray()) {
            throw InvalidJsonException.invalid(path, show(n), expected);
        }
        if (n.size() > maxSize) {
            throw InvalidJsonException.invalid(path, n.size() + " elements", "at most " + maxSize);
        }
        return n;
    }

    static String text(JsonNode n, String path, String expected) {
        if (!n.isTextual()) {
            throw InvalidJsonException.invalid(path, show(n), expected);
        }
        return n.textValue();
    }

    /** An integer in [min, max]; like the reference (Gson getAsInt) a decimal string is accepted too. */
    static long integer(JsonNode n, String path, long min, long max) {
        String expected = "an integer " + min + ".." + max;
        long v;
        if (n.isIntegralNumber() && n.canConvertToLong()) {
            v = n.longValue();
        } else if (n.isTextual() && n.textValue().matches("-?[0-9]{1,12}")) {
            v = Long.parseLong(n.textValue());
        } else {
            throw InvalidJsonException.invalid(path, show(n), expected);
        }
        if (v < min || v > max) {
            throw InvalidJsonException.invalid(path, show(n), expected);
        }
        return v;
    }

    static int int32(JsonNode n, String path) {
        return (int) integer(n, path, Integer.MIN_VALUE, Integer.MAX_VALUE);
    }

    /** true/false, or the strings "true"/"false" (Gson getAsBoolean reads those too). */
    static boolean bool(JsonNode n, String path) {
        if (n.isBoolean()) {
            return n.booleanValue();
        }
        if (n.isTextual() && (n.textValue().equals("true") || n.textValue().equals("false"))) {
            return n.textValue().equals("true");
        }
        throw InvalidJsonException.invalid(path, show(n), "true or false");
    }

    /**
     * Text as UTF-8, at most {@code maxOctets}. A lone surrogate (possible through a backslash-u d800
     * escape) is refused instead of being silently turned into '?' by the encoder.
     */
    static byte[] utf8(String s, String path, int maxOctets, int rc) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new InvalidJsonException(rc, path, String.format("lone surrogate U+%04X at %d", (int) c, i)
                        + " (expected: valid Unicode text)");
            }
        }
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        if (b.length > maxOctets) {
            throw new InvalidJsonException(rc, path, b.length + " octets (expected: at most " + maxOctets + ")");
        }
        return b;
    }

    /** A handle string (§8.2: at most 2048 octets); a bad one is RC_INVALID_HANDLE (§7). */
    static String handle(JsonNode n, String path, boolean nonEmpty) {
        String h = text(n, path, "a handle string");
        utf8(h, path, Limits.MAX_HANDLE_LENGTH, ResponseCodes.INVALID_HANDLE);
        if (nonEmpty && h.isEmpty()) {
            throw new InvalidJsonException(ResponseCodes.INVALID_HANDLE, path, "\"\" (expected: a non-empty handle)");
        }
        return h;
    }
}
