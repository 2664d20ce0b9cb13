package org.idnode.protocol.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.idnode.protocol.Limits;
import org.idnode.protocol.ResponseCodes;
import org.idnode.protocol.codec.SiteInfoCodec;
import org.idnode.protocol.codec.ValueListCodec;
import org.idnode.protocol.model.ValueList;
import org.idnode.protocol.model.ValueReference;

/**
 * The {@code data} member of a value (§18) → the octets of §10: format names are matched
 * case-insensitively, as the reference does; the format decides the encoding, not the value's type.
 */
final class DataJsonReader {
    private static final String FORMATS = "string, base64, hex, admin, vlist, site, key";
    private static final Set<String> FORMAT_NAMES = Set.of(FORMATS.split(", "));

    private DataJsonReader() {
    }

    /** {@code data}: a bare string (UTF-8 text) or {@code {"format","value"}}; at most 1 MiB (§1). */
    static byte[] readData(JsonNode n, String path) {
        if (n.isTextual()) {
            return JsonTree.utf8(n.textValue(), path, Limits.MAX_ARRAY_SIZE, ResponseCodes.INVALID_VALUE);
        }
        JsonTree.object(n, path, "a string or an object {\"format\",\"value\"}");
        String fp = JsonTree.child(path, "format");
        JsonNode f = JsonTree.required(n, path, "format", FORMATS);
        String format = JsonTree.text(f, fp, FORMATS).toLowerCase(Locale.ROOT);
        if (!FORMAT_NAMES.contains(format)) {
            throw InvalidJsonException.invalid(fp, JsonTree.show(f), FORMATS);
        }
        String vp = JsonTree.child(path, "value");
        JsonNode v = JsonTree.required(n, path, "value", "the data in format " + format);
        byte[] data = switch (format) {
            case "string" -> JsonTree.utf8(JsonTree.text(v, vp, "a string"), vp, Limits.MAX_ARRAY_SIZE,
                    ResponseCodes.INVALID_VALUE);
            case "base64" -> Octets.base64(JsonTree.text(v, vp, "base64 text"), vp, Limits.MAX_ARRAY_SIZE);
            case "hex" -> Octets.hex(JsonTree.text(v, vp, "hex text"), vp, Limits.MAX_ARRAY_SIZE);
            case "admin" -> AdminJson.read(v, vp);
            case "vlist" -> ValueListCodec.encode(new ValueList(references(v, vp)));
            case "site" -> SiteInfoCodec.encode(SiteJsonReader.read(v, vp));
            case "key" -> KeyJson.read(v, vp);
            default -> throw InvalidJsonException.invalid(fp, JsonTree.show(f), FORMATS);
        };
        if (data.length > Limits.MAX_ARRAY_SIZE) {
            throw InvalidJsonException.invalid(path, data.length + " octets", "at most " + Limits.MAX_ARRAY_SIZE);
        }
        return data;
    }

    /** {@code [{"handle","index"}...]}: value references (§5) and HS_VLIST members (§10). */
    static List<ValueReference> references(JsonNode n, String path) {
        JsonTree.array(n, path, Limits.MAX_VALUES, "an array of {\"handle\",\"index\"}");
        List<ValueReference> out = new ArrayList<>(n.size());
        for (int i = 0; i < n.size(); i++) {
            String p = JsonTree.index(path, i);
            JsonNode e = JsonTree.object(n.get(i), p, "an object {\"handle\",\"index\"}");
            String handle = JsonTree.handle(JsonTree.required(e, p, "handle", "a handle string"),
                    JsonTree.child(p, "handle"), false);
            int index = JsonTree.int32(JsonTree.required(e, p, "index", "an integer"), JsonTree.child(p, "index"));
            out.add(new ValueReference(handle, index));
        }
        return out;
    }
}
