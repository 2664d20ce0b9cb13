package org.idnode.node.auth;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.idnode.protocol.ProtocolException;
import org.idnode.protocol.ResponseCodes;
import org.idnode.protocol.model.HandleValue;

/** Finds the key values an answer names (§14: index 0 means each value of the type, lowest index first). */
final class KeyLookup {
    private KeyLookup() {
    }

    static List<HandleValue> candidates(KeyValues values, String handle, int index, String type) {
        List<HandleValue> all = values.valuesOf(handle);
        if (all == null) {
            throw new ProtocolException(ResponseCodes.AUTHEN_ERROR, "identity " + index + ":" + handle
                    + " can't be checked here: its handle does not live on this node");
        }
        List<HandleValue> out = new ArrayList<>();
        for (HandleValue v : all) {
            if (v.type().equalsIgnoreCase(type) && (index == 0 || v.index() == index)) {
                out.add(v);
            }
        }
        if (out.isEmpty()) {
            throw new ProtocolException(ResponseCodes.AUTHENTICATION_FAILED,
                    "identity " + index + ":" + handle + " has no " + type + (index == 0 ? "" : " at that index"));
        }
        out.sort(Comparator.comparingInt(HandleValue::index));
        return out;
    }
}
