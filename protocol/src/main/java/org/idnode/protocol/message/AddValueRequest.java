package org.idnode.protocol.message;

import java.util.List;
import org.idnode.protocol.model.HandleValue;

/** OC 102 request (§8.4). */
public record AddValueRequest(String handle, List<HandleValue> values) implements MessageBody {
    public AddValueRequest {
        values = List.copyOf(values);
    }
}
