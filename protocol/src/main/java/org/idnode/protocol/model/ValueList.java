package org.idnode.protocol.model;

import java.util.List;

/** HS_VLIST data: an admin group, a list of value references (handle-protocol.md §10). */
public record ValueList(List<ValueReference> members) {
    public ValueList {
        members = List.copyOf(members);
    }
}
