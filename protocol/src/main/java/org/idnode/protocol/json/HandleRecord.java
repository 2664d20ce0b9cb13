package org.idnode.protocol.json;

import java.util.List;
import org.idnode.protocol.model.HandleValue;

/**
 * A handle and its values as read from JSON: an {@code idnode import} line
 * {@code {"handle":"...","values":[...]}} or a REST PUT body (§18).
 *
 * @param handle the {@code "handle"} member; null when a PUT body has none (then the path names the handle)
 * @param values in document order
 */
public record HandleRecord(String handle, List<HandleValue> values) {
    public HandleRecord {
        values = List.copyOf(values);
    }
}
