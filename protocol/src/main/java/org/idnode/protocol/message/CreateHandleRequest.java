package org.idnode.protocol.message;

import java.util.List;
import org.idnode.protocol.model.HandleValue;

/** OC 100 request (§8.4). */
public record CreateHandleRequest(String handle, List<HandleValue> values) implements MessageBody {
    public CreateHandleRequest {
        values = List.copyOf(values);
    }
}
