package org.idnode.protocol.message;

import java.util.List;
import org.idnode.protocol.model.HandleValue;

/** OC 104 request (§8.4): values replace the stored ones with the same index. */
public record ModifyValueRequest(String handle, List<HandleValue> values) implements MessageBody {
    public ModifyValueRequest {
        values = List.copyOf(values);
    }
}
