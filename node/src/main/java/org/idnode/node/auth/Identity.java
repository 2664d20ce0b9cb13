package org.idnode.node.auth;

import org.idnode.protocol.ProtocolException;
import org.idnode.protocol.ResponseCodes;

/**
 * Who proved to be the holder of a key: the handle and index of the HS_PUBKEY or HS_SECKEY value
 * that answered a challenge (handle-protocol.md §14). Written {@code index:handle}, as CNRI does.
 */
public record Identity(String handle, int index) {

    public Identity {
        if (handle == null || handle.isEmpty() || index < 0) {
            throw new ProtocolException(ResponseCodes.INVALID_CREDENTIAL,
                    "identity: " + index + ":" + handle + " (expected: index >= 0 and a handle)");
        }
    }

    /** Parses {@code 300:0.NA/88.118.8}; IllegalArgumentException when it is not of that shape. */
    public static Identity parse(String text) {
        int colon = text.indexOf(':');
        if (colon <= 0 || colon == text.length() - 1) {
            throw new IllegalArgumentException("identity: " + text + " (expected: index:handle, e.g. 300:0.NA/88.118.8)");
        }
        try {
            return new Identity(text.substring(colon + 1), Integer.parseInt(text.substring(0, colon)));
        } catch (NumberFormatException | ProtocolException e) {
            throw new IllegalArgumentException("identity: " + text + " (expected: index:handle, e.g. 300:0.NA/88.118.8)");
        }
    }

    @Override
    public String toString() {
        return index + ":" + handle;
    }
}
