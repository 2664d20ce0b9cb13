package org.idnode.node.auth;

import java.util.List;
import org.idnode.protocol.model.HandleValue;

/**
 * Where authentication finds the values of an identity's handle (its HS_PUBKEY, HS_SECKEY, HS_VLIST):
 * the local store, since only identities whose handles live on this node can be checked here.
 */
@FunctionalInterface
public interface KeyValues {
    /** The handle's values, or null when it does not live here (not homed, or no such handle). */
    List<HandleValue> valuesOf(String handle);
}
