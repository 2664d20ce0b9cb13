package org.idnode.protocol.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.idnode.protocol.Limits;
import org.idnode.protocol.ResponseCodes;
import org.idnode.protocol.model.HandleValue;

/**
 * A {@code POST /api/batch} body (node/README.md, "Batch"):
 * {@code {"operations":[{"op":"create","handle":"...","values":[...]}, ...]}}. The whole document is
 * read before anything is done, so a batch with one malformed operation, or more operations than
 * allowed, is refused whole: {@link InvalidJsonException} naming the field, e.g.
 * {@code operations[3].values[0].index}.
 */
public final class BatchJsonReader {
    private BatchJsonReader() {
    }

    /** The operations of {@code json}, at most {@code maxOperations} (more: RC 4, checked before any is read). */
    public static List<BatchOperation> read(byte[] json, int maxOperations) {
        JsonNode root = JsonInput.parse(json);
        JsonTree.object(root, "", "an object {\"operations\":[...]}");
        JsonNode ops = JsonTree.required(root, "", "operations", "an array of operations");
        if (!ops.isArray()) {
            throw InvalidJsonException.invalid("operations", JsonTree.show(ops), "an array of operations");
        }
        if (ops.size() > maxOperations) {
            throw new InvalidJsonException(ResponseCodes.PROTOCOL_ERROR, "operations",
                    ops.size() + " operations (expected: at most " + maxOperations + ", the node's maxBatchOperations)");
        }
        List<BatchOperation> out = new ArrayList<>(ops.size());
        for (int i = 0; i < ops.size(); i++) {
            out.add(operation(ops.get(i), JsonTree.index("operations", i)));
        }
        return out;
    }

    private static BatchOperation operation(JsonNode n, String path) {
        JsonTree.object(n, path, "an operation {\"op\",\"handle\",...}");
        String op = JsonTree.requiredText(n, path, "op", "one of create, delete, add, remove, modify");
        BatchOperation.Kind kind = null;
        for (BatchOperation.Kind k : BatchOperation.Kind.values()) {
            if (k.jsonName().equals(op)) {
                kind = k;
            }
        }
        if (kind == null) {
            throw InvalidJsonException.invalid(JsonTree.child(path, "op"), JsonTree.quote(op),
                    "one of create, delete, add, remove, modify");
        }
        String handle = JsonTree.handle(JsonTree.required(n, path, "handle", "a handle string"),
                JsonTree.child(path, "handle"), true);
        List<HandleValue> values = List.of();
        List<Integer> indexes = List.of();
        switch (kind) {
            case CREATE, ADD, MODIFY -> values = ValueJsonReader.values(
                    JsonTree.required(n, path, "values", "an array of values"), JsonTree.child(path, "values"));
            case REMOVE -> indexes = indexes(JsonTree.required(n, path, "indexes", "an array of value indexes"),
                    JsonTree.child(path, "indexes"));
            case DELETE -> {
            }
        }
        return new BatchOperation(kind, handle, values, indexes, flag(n, path, "overwrite"), flag(n, path, "mintNewSuffix"));
    }

    private static List<Integer> indexes(JsonNode n, String path) {
        JsonTree.array(n, path, Limits.MAX_VALUES, "an array of value indexes");
        List<Integer> out = new ArrayList<>(n.size());
        for (int i = 0; i < n.size(); i++) {
            out.add(JsonTree.int32(n.get(i), JsonTree.index(path, i)));
        }
        return out;
    }

    private static boolean flag(JsonNode n, String path, String name) {
        JsonNode f = JsonTree.optional(n, name);
        return f != null && JsonTree.bool(f, JsonTree.child(path, name));
    }
}
