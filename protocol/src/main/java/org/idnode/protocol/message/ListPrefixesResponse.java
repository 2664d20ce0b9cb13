package org.idnode.protocol.message;

import java.util.List;

/** OC 302 success (§8.5): {@code 0.NA/...} prefix handles, same shape as list handles. */
public record ListPrefixesResponse(List<String> prefixHandles) implements MessageBody {
    public ListPrefixesResponse {
        prefixHandles = List.copyOf(prefixHandles);
    }
}
