package org.idnode.node.importer;

import java.util.List;
import org.idnode.protocol.model.HandleValue;

/** One record read from an input line: a checked handle and its checked values (§18 record shape). */
public record ParsedRecord(String handle, List<HandleValue> values) {
}
