package org.idnode.node.service;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.idnode.node.auth.Authorizer;
import org.idnode.node.auth.Identity;
import org.idnode.node.storage.HandleKeys;
import org.idnode.node.storage.HandleStore;
import org.idnode.node.storage.StoredRecord;
import org.idnode.protocol.ProtocolException;
import org.idnode.protocol.ResponseCodes;
import org.idnode.protocol.model.AdminRecord;

/**
 * Listing a homed prefix's handles (OC 105, §8.5; REST {@code GET /api/handles?prefix=}, §18): names
 * as stored, in key order; needs LIST_HANDLES on the prefix handle and {@code allowListHandles}. A
 * listing is a scan of the store, so it looks at {@code maxListed} names at most: that bounds both
 * the names returned and the total counted.
 */
public final class HandleLister {
    private static final int SCAN_PAGE = 1024;

    /** One page of a listing: the prefix asked for, how many names there are (at most maxListed), and this page's. */
    public record Page(String prefix, long total, List<String> handles) {
        public Page {
            handles = List.copyOf(handles);
        }
    }

    private final HandleStore store;
    private final HandleKeys keys;
    private final HomedPrefixes homed;
    private final Authorizer authorizer;
    private final boolean allowed;
    private final int maxListed;

    public HandleLister(HandleStore store, HandleKeys keys, HomedPrefixes homed, Authorizer authorizer, boolean allowed,
                        int maxListed) {
        this.store = store;
        this.keys = keys;
        this.homed = homed;
        this.authorizer = authorizer;
        this.allowed = allowed;
        this.maxListed = maxListed;
    }

    public int maxListed() {
        return maxListed;
    }

    /**
     * Names {@code from} to {@code from + count} (exclusive) of the listing of {@code given}
     * ({@code 0.NA/P} or {@code P}), for {@code id}: RC 5 when listing is off, 102 for a bad prefix,
     * 301 when not homed, 400 without LIST_HANDLES.
     */
    public Page list(String given, Identity id, long from, int count) {
        if (!allowed) {
            throw new ProtocolException(ResponseCodes.OPERATION_NOT_SUPPORTED, "listing handles is switched off here");
        }
        String prefix = given.regionMatches(true, 0, "0.NA/", 0, 5) ? given.substring(5) : given;
        if (prefix.isEmpty() || prefix.indexOf('/') >= 0) {
            throw new ProtocolException(ResponseCodes.INVALID_HANDLE, "prefix handle: " + given + " (expected: 0.NA/<prefix>)");
        }
        if (!homed.isResponsibleFor("0.NA/" + prefix)) {
            throw new ProtocolException(ResponseCodes.SERVER_NOT_RESP, Resolver.NOT_HOMED);
        }
        byte[] prefixRecord = store.get(keys.prefixHandleKey(prefix));
        if (!authorizer.grants(prefixRecord == null ? List.of() : Authorizer.adminValues(StoredRecord.decode(prefixRecord)),
                id, AdminRecord.LIST_HANDLES)) {
            throw new ProtocolException(ResponseCodes.INVALID_ADMIN, id + " may not list " + prefix + ": no HS_ADMIN grants it LIST_HANDLES");
        }
        byte[] scan = keys.scanPrefix(prefix);
        List<String> names = new ArrayList<>();
        long seen = 0;
        byte[] after = null;
        while (seen < maxListed) {
            List<byte[]> page = store.scanKeys(scan, after, (int) Math.min(SCAN_PAGE, maxListed - seen));
            for (byte[] k : page) {
                if (seen >= from && seen - from < count) {
                    names.add(new String(k, StandardCharsets.UTF_8));
                }
                seen++;
            }
            if (page.size() < SCAN_PAGE) {
                break;
            }
            after = page.get(page.size() - 1);
        }
        return new Page(given, seen, names);
    }
}
