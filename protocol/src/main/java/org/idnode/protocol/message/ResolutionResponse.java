package org.idnode.protocol.message;

import java.util.List;
import org.idnode.protocol.model.HandleValue;

/** OC 1 success (§8.2): the request's handle echoed, then the values. */
public record ResolutionResponse(String handle, List<HandleValue> values) implements MessageBody {
    public ResolutionResponse {
        values = List.copyOf(values);
    }
}
