package org.idnode.protocol.message;

import java.util.List;

/** OC 105 success (§8.5): up to 50 handles a message, CN set on all but the last. */
public record ListHandlesResponse(List<String> handles) implements MessageBody {
    public ListHandlesResponse {
        handles = List.copyOf(handles);
    }
}
