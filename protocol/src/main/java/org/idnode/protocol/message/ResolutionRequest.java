package org.idnode.protocol.message;

import java.util.List;

/** OC 1 request (§8.2): empty lists mean all values; otherwise index OR type matches (union). */
public record ResolutionRequest(String handle, List<Integer> indexes, List<String> types) implements MessageBody {
    public ResolutionRequest {
        indexes = List.copyOf(indexes);
        types = List.copyOf(types);
    }

    public static ResolutionRequest all(String handle) {
        return new ResolutionRequest(handle, List.of(), List.of());
    }
}
