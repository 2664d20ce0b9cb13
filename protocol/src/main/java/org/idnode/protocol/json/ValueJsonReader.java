package org.idnode.protocol.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.idnode.protocol.Limits;
import org.idnode.protocol.ResponseCodes;
import org.idnode.protocol.model.HandleValue;
import org.idnode.protocol.model.ValueReference;

/**
 * Handle values from JSON (§18): the REST PUT body and the {@code idnode import} line format.
 * Defaults as in the reference: ttl 86400 relative, permissions 1110; the timestamp is ignored (the
 * server sets it, §5), so every value read has timestamp 0. Bad input of any kind throws
 * {@link InvalidJsonException} naming the field.
 */
public final class ValueJsonReader {
    private ValueJsonReader() {
    }

    /** An import line: {@code {"handle":"...","values":[...]}}, both members required. */
    public static HandleRecord readRecord(String json) {
        return record(JsonInput.parse(json));
    }

    public static HandleRecord readRecord(byte[] json) {
        return record(JsonInput.parse(json));
    }

    /**
     * A PUT body (§18): an array of values, {@code {"values":[...]}} with an optional {@code "handle"}
     * (the caller checks it against the path), or one value object. Handle is null when absent.
     */
    public static HandleRecord readValuesBody(byte[] json) {
        return body(JsonInput.parse(json));
    }

    public static HandleRecord readValuesBody(InputStream json) throws IOException {
        return body(JsonInput.parse(json));
    }

    /** One value object. */
    public static HandleValue readValue(String json) {
        return value(JsonInput.parse(json), "");
    }

    private static HandleRecord record(JsonNode n) {
        JsonTree.object(n, "", "an object {\"handle\",\"values\"}");
        String handle = JsonTree.handle(JsonTree.required(n, "", "handle", "a handle string"), "handle", true);
        return new HandleRecord(handle, values(JsonTree.required(n, "", "values", "an array of values"), "values"));
    }

    private static HandleRecord body(JsonNode n) {
        if (n.isArray()) {
            return new HandleRecord(null, values(n, ""));
        }
        JsonTree.object(n, "", "an array of values, {\"values\":[...]} or one value object");
        JsonNode vs = JsonTree.optional(n, "values");
        if (vs == null) {
            return new HandleRecord(null, List.of(value(n, "")));
        }
        JsonNode h = JsonTree.optional(n, "handle");
        return new HandleRecord(h == null ? null : JsonTree.handle(h, "handle", true), values(vs, "values"));
    }

    static List<HandleValue> values(JsonNode n, String path) {
        JsonTree.array(n, path, Limits.MAX_VALUES, "an array of values");
        List<HandleValue> out = new ArrayList<>(n.size());
        Map<Integer, Integer> seen = new HashMap<>();
        for (int i = 0; i < n.size(); i++) {
            String p = JsonTree.index(path, i);
            HandleValue v = value(n.get(i), p);
            Integer first = seen.putIfAbsent(v.index(), i);
            if (first != null) {
                // §5: the index identifies a value within the handle.
                throw InvalidJsonException.invalid(JsonTree.child(p, "index"), String.valueOf(v.index()),
                        "an index not already used by " + JsonTree.index(path, first));
            }
            out.add(v);
        }
        return out;
    }

    private static HandleValue value(JsonNode n, String path) {
        JsonTree.object(n, path, "a value object {\"index\",\"type\",\"data\",...}");
        int index = JsonTree.int32(JsonTree.required(n, path, "index", "an integer"), JsonTree.child(path, "index"));
        String tp = JsonTree.child(path, "type");
        String type = JsonTree.text(JsonTree.required(n, path, "type", "a type string"), tp, "a type string");
        JsonTree.utf8(type, tp, Limits.MAX_ARRAY_SIZE, ResponseCodes.INVALID_VALUE);
        byte[] data = DataJsonReader.readData(JsonTree.required(n, path, "data", "a string or {\"format\",\"value\"}"),
                JsonTree.child(path, "data"));
        JsonNode p = JsonTree.optional(n, "permissions");
        int perms = p == null ? HandleValue.DEFAULT_PERMISSIONS : permissions(p, JsonTree.child(path, "permissions"));
        int ttlType = HandleValue.TTL_RELATIVE;
        int ttl = HandleValue.DEFAULT_TTL;
        JsonNode t = JsonTree.optional(n, "ttl");
        String ttp = JsonTree.child(path, "ttl");
        if (t != null && t.isTextual()) {
            ttlType = HandleValue.TTL_ABSOLUTE;
            ttl = epochSeconds(t.textValue(), ttp);
        } else if (t != null) {
            if (!t.isNumber()) {
                throw InvalidJsonException.invalid(ttp, JsonTree.show(t), "seconds, or an ISO-8601 date-time string");
            }
            ttl = JsonTree.int32(t, ttp);
        }
        List<ValueReference> refs = List.of();
        JsonNode r = JsonTree.optional(n, "references");
        if (r != null) {
            refs = DataJsonReader.references(r, JsonTree.child(path, "references"));
        }
        return new HandleValue(index, 0, ttlType, ttl, perms, type, data, refs);
    }

    /** §18 value permissions: 4 bits "1110" (admin read, admin write, public read, public write) or "*". */
    private static int permissions(JsonNode p, String path) {
        String s = JsonTree.text(p, path, "4 bits like \"1110\", or \"*\"");
        if (s.equals("*")) {
            return 0x0F;
        }
        if (s.length() != 4 || !s.chars().allMatch(c -> c == '0' || c == '1')) {
            throw InvalidJsonException.invalid(path, JsonTree.quote(s), "4 bits like \"1110\", or \"*\"");
        }
        return Integer.parseInt(s, 2);
    }

    /** An absolute TTL (§5 ttlType 1): ISO-8601, 'Z' or an offset; without one, UTC. */
    private static int epochSeconds(String s, String path) {
        Instant t;
        try {
            t = OffsetDateTime.parse(s).toInstant();
        } catch (DateTimeParseException e) {
            try {
                t = LocalDateTime.parse(s).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException e2) {
                throw InvalidJsonException.invalid(path, JsonTree.quote(s),
                        "an ISO-8601 date-time like \"2023-11-14T22:13:20Z\", or a number of seconds");
            }
        }
        long sec = t.getEpochSecond();
        if (sec < Integer.MIN_VALUE || sec > Integer.MAX_VALUE) {
            throw InvalidJsonException.invalid(path, JsonTree.quote(s), "a time between 1901 and 2038 (int4 seconds)");
        }
        return (int) sec;
    }
}
