package org.idnode.protocol.json;

import java.util.List;
import org.idnode.protocol.model.HandleValue;

/**
 * One operation of a {@code POST /api/batch} body, as read by {@link BatchJsonReader}.
 *
 * @param kind      what to do to {@code handle}
 * @param handle    the handle (for a minted create, the prefix followed by '/')
 * @param values    create, add and modify: the values; empty otherwise
 * @param indexes   remove: the value indexes; empty otherwise
 * @param overwrite create: replace an existing handle (default false, so that a retried batch is
 *                  idempotent, §8.4); add: replace values at used indexes (default false)
 * @param mint      create: add a random suffix to {@code handle}
 */
public record BatchOperation(Kind kind, String handle, List<HandleValue> values, List<Integer> indexes, boolean overwrite,
                             boolean mint) {
    /** The operations a batch may hold, by their {@code "op"} name: the admin opcodes of §8.4. */
    public enum Kind {
        CREATE("create"), DELETE("delete"), ADD("add"), REMOVE("remove"), MODIFY("modify");

        private final String jsonName;

        Kind(String jsonName) {
            this.jsonName = jsonName;
        }

        public String jsonName() {
            return jsonName;
        }
    }

    public BatchOperation {
        values = List.copyOf(values);
        indexes = List.copyOf(indexes);
    }
}
