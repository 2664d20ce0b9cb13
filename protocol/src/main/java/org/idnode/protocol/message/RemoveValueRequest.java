package org.idnode.protocol.message;

import java.util.List;

/** OC 103 request (§8.4). */
public record RemoveValueRequest(String handle, List<Integer> indexes) implements MessageBody {
    public RemoveValueRequest {
        indexes = List.copyOf(indexes);
    }
}
