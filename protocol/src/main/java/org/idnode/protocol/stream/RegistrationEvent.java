package org.idnode.protocol.stream;

import java.util.List;
import org.idnode.protocol.model.HandleValue;

/**
 * One change a node made, as it goes into the outbox and then the stream ({@link RegistrationEventCodec} has the layout):
 * the handle's whole new record, or a tombstone (no values) for a delete; a prefix homed or unhomed.
 * The sequence number and the node id are not in here: the outbox key carries the first, the
 * publisher adds the second.
 *
 * @param timeMillis     when the node made the change (its clock)
 * @param identity       who made it, {@code index:handle}; empty for a server-side change
 */
public record RegistrationEvent(Operation operation, String handle, List<HandleValue> values, long timeMillis,
                                String identity) {

    /** What happened; the code is on the wire, so codes are never reused. */
    public enum Operation {
        PUT(1), DELETE(2), HOME_PREFIX(3), UNHOME_PREFIX(4);

        private final int code;

        Operation(int code) {
            this.code = code;
        }

        public int code() {
            return code;
        }

        public static Operation of(int code) {
            for (Operation o : values()) {
                if (o.code == code) {
                    return o;
                }
            }
            return null;
        }
    }

    public RegistrationEvent {
        values = List.copyOf(values);
        identity = identity == null ? "" : identity;
    }
}
