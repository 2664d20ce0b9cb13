package org.idnode.node.auth;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.idnode.node.storage.HandleKeys;
import org.idnode.protocol.ProtocolException;
import org.idnode.protocol.codec.AdminRecordCodec;
import org.idnode.protocol.codec.ValueListCodec;
import org.idnode.protocol.model.AdminRecord;
import org.idnode.protocol.model.HandleValue;
import org.idnode.protocol.model.ValueList;
import org.idnode.protocol.model.ValueReference;
import org.idnode.protocol.model.ValueTypes;

/**
 * Decides whether an identity may do something (handle-protocol.md §14): one HS_ADMIN value must
 * grant all the permission bits needed, to the identity itself or to an HS_VLIST group that holds
 * it (groups nest, bounded in depth and in the values looked at, cycles survived). Server
 * administrators from the configuration need no HS_ADMIN.
 */
public final class Authorizer {
    /** Bounds on group resolution: nesting depth and references followed per decision. */
    static final int MAX_DEPTH = 8;
    static final int MAX_REFERENCES = 512;

    private final List<Identity> serverAdmins;
    private final KeyValues values;
    private final HandleKeys keys;

    public Authorizer(List<Identity> serverAdmins, KeyValues values, HandleKeys keys) {
        this.serverAdmins = List.copyOf(serverAdmins);
        this.values = values;
        this.keys = keys;
    }

    public boolean isServerAdmin(Identity id) {
        if (id == null) {
            return false;
        }
        for (Identity a : serverAdmins) {
            if (a.index() == id.index() && sameHandle(a.handle(), id.handle())) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code id} may do what needs {@code bits} on a handle whose values (or prefix handle's) are {@code admins}. */
    public boolean grants(List<HandleValue> admins, Identity id, int bits) {
        if (id == null) {
            return false;
        }
        if (isServerAdmin(id)) {
            return true;
        }
        int[] budget = {MAX_REFERENCES};
        for (HandleValue v : admins) {
            if (!v.type().equalsIgnoreCase(ValueTypes.HS_ADMIN)) {
                continue;
            }
            AdminRecord admin;
            try {
                admin = AdminRecordCodec.decode(v.data());
            } catch (ProtocolException | IllegalArgumentException e) {
                continue; // a damaged HS_ADMIN grants nothing
            }
            if (admin.grants(bits) && names(new ValueReference(admin.adminHandle(), admin.adminIndex()), id, 0,
                    new HashSet<>(), budget)) {
                return true;
            }
        }
        return false;
    }

    /** The HS_ADMIN values of {@code values}; what an admin check of that record looks at. */
    public static List<HandleValue> adminValues(List<HandleValue> values) {
        List<HandleValue> out = new ArrayList<>();
        for (HandleValue v : values) {
            if (v.type().equalsIgnoreCase(ValueTypes.HS_ADMIN)) {
                out.add(v);
            }
        }
        return out;
    }

    /** §14: a reference names the identity if handles match and the index is 0 or equal; else, if it is an HS_VLIST, a member may. */
    private boolean names(ValueReference ref, Identity id, int depth, Set<String> visited, int[] budget) {
        if (sameHandle(ref.handle(), id.handle()) && (ref.index() == 0 || ref.index() == id.index())) {
            return true;
        }
        if (depth >= MAX_DEPTH || budget[0]-- <= 0 || !visited.add(ref.index() + ":" + keyText(ref.handle()))) {
            return false;
        }
        List<HandleValue> group = values.valuesOf(ref.handle());
        if (group == null) {
            return false;
        }
        for (HandleValue v : group) {
            if (v.index() != ref.index() || !v.type().equalsIgnoreCase(ValueTypes.HS_VLIST)) {
                continue;
            }
            ValueList list;
            try {
                list = ValueListCodec.decode(v.data());
            } catch (ProtocolException | IllegalArgumentException e) {
                return false;
            }
            for (ValueReference member : list.members()) {
                if (names(member, id, depth + 1, visited, budget)) {
                    return true;
                }
            }
        }
        return false;
    }

    private boolean sameHandle(String a, String b) {
        return a.equals(b) || Arrays.equals(keys.key(a), keys.key(b));
    }

    private String keyText(String handle) {
        return new String(keys.key(handle), java.nio.charset.StandardCharsets.UTF_8);
    }
}
