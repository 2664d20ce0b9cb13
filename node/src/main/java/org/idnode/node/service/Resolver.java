package org.idnode.node.service;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.idnode.node.storage.HandleKeys;
import org.idnode.node.storage.HandleStore;
import org.idnode.node.storage.StorageException;
import org.idnode.node.storage.StoredRecord;
import org.idnode.node.storage.StoredValues;
import org.idnode.protocol.ResponseCodes;

/**
 * Resolution (OC 1, handle-protocol.md §8.2) against the store, shared by every transport: the
 * binary protocol renders a {@link Resolution} as a response message, the REST API as JSON.
 *
 * <p>Anonymous callers only ever see publicly readable values: restricted values are left out as if
 * PO were set (§8.2), giving RC 200 when nothing else is left. A caller that proved who it is may be
 * shown admin-readable values too, when the record's HS_ADMIN grants it READ_VALUE (§14): see
 * {@link #resolve(String, int[], byte[][], RestrictedReads)}.
 */
public final class Resolver {
    static final String NOT_HOMED = "That prefix doesn't live here";

    private final HandleStore store;
    private final HandleKeys keys;
    private final HomedPrefixes homed;

    public Resolver(HandleStore store, HandleKeys keys, HomedPrefixes homed) {
        this.store = store;
        this.keys = keys;
        this.homed = homed;
    }

    /** Upper-cases type filter entries once per request, for {@link StoredValues#typeMatches}. */
    public static byte[][] typeFilter(List<String> types) {
        byte[][] out = new byte[types.size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = HandleKeys.normalizePrefix(types.get(i)).getBytes(StandardCharsets.UTF_8);
        }
        return out;
    }

    /**
     * Decides, from a record's stored octets, whether its admin-readable values may be shown to the
     * caller; asked only when the record has a value that is not publicly readable.
     */
    @FunctionalInterface
    public interface RestrictedReads {
        RestrictedReads NONE = record -> false;

        boolean allowed(byte[] record);
    }

    public Resolution resolve(String handle, int[] indexes, byte[][] types) {
        return resolve(handle, indexes, types, RestrictedReads.NONE);
    }

    /** As {@link #resolve(String, int[], byte[][])}, showing admin-readable values when {@code restricted} allows it. */
    public Resolution resolve(String handle, int[] indexes, byte[][] types, RestrictedReads restricted) {
        if (handle.isEmpty()) {
            return Resolution.error(ResponseCodes.INVALID_HANDLE, "empty handle");
        }
        int slash = handle.indexOf('/');
        if (slash <= 0 || slash == handle.length() - 1) {
            // §12: a handle is PREFIX/SUFFIX; without both it names nothing any node could hold.
            return Resolution.error(ResponseCodes.INVALID_HANDLE,
                    "not a handle: " + handle + " (expected PREFIX/SUFFIX, e.g. 88.118.8/PUMP-2024-000017)");
        }
        if (!homed.isResponsibleFor(handle)) {
            return Resolution.error(ResponseCodes.SERVER_NOT_RESP, NOT_HOMED);
        }
        byte[] record = store.get(keys.key(handle));
        if (record == null) {
            return Resolution.error(ResponseCodes.HANDLE_NOT_FOUND, "");
        }
        try {
            return select(record, indexes, types, restricted);
        } catch (RuntimeException e) {
            // Our own stored bytes don't parse: a server error (RC 2), never the client's fault (RC 4).
            throw new StorageException("read the stored record of " + handle, e);
        }
    }

    private static Resolution select(byte[] record, int[] indexes, byte[][] types, RestrictedReads restricted) {
        if (record.length < StoredRecord.VALUES_OFFSET + 4 || record[0] != StoredRecord.FORMAT) {
            // Two octet compares: the fast path below copies the bytes out without parsing them.
            throw new IllegalStateException("stored record format " + (record.length > 0 ? record[0] : -1)
                    + " of " + record.length + " octets (expected format " + StoredRecord.FORMAT + ")");
        }
        int total = StoredValues.count(record);
        boolean unfiltered = indexes.length == 0 && types.length == 0;
        if (unfiltered && StoredRecord.allPublic(record)) {
            return total == 0 ? Resolution.error(ResponseCodes.VALUES_NOT_FOUND, "")
                    : new Resolution(ResponseCodes.SUCCESS, "", record, null, total, false);
        }
        boolean adminReads = !StoredRecord.allPublic(record) && restricted != RestrictedReads.NONE && restricted.allowed(record);
        int[] selected = new int[total * 2];
        int n = 0;
        boolean hid = false;
        int offset = StoredValues.first();
        for (int i = 0; i < total; i++) {
            int length = StoredValues.length(record, offset);
            boolean readable = StoredValues.publicRead(record, offset) || (adminReads && StoredValues.adminRead(record, offset));
            if (unfiltered || matches(record, offset, indexes, types)) {
                if (readable) {
                    selected[2 * n] = offset;
                    selected[2 * n + 1] = length;
                    n++;
                } else {
                    hid |= !adminReads && StoredValues.adminRead(record, offset);
                }
            }
            offset += length;
        }
        if (n == 0) {
            return new Resolution(ResponseCodes.VALUES_NOT_FOUND, "", null, null, 0, hid);
        }
        return new Resolution(ResponseCodes.SUCCESS, "", record, selected, n, hid);
    }

    /** §8.2 [CNRI]: a value is returned if its index is listed OR its type matches (union). */
    private static boolean matches(byte[] record, int offset, int[] indexes, byte[][] types) {
        int index = StoredValues.index(record, offset);
        for (int i : indexes) {
            if (i == index) {
                return true;
            }
        }
        for (byte[] t : types) {
            if (StoredValues.typeMatches(record, offset, t)) {
                return true;
            }
        }
        return false;
    }
}
