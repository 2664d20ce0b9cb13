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
import org.idnode.protocol.message.ListHandlesRequest;
import org.idnode.protocol.model.AdminRecord;

/**
 * OC 105 (§8.5): the handles of a homed prefix, names as stored, in key order; needs LIST_HANDLES
 * on the prefix handle and {@code allowListHandles}. At most {@code maxListed} names per request:
 * a listing is a scan of the store, so its size is bounded like everything a peer can ask for.
 */
final class ListHandlesHandler implements OpHandler {
    private static final int PAGE = 1024;

    private final HandleStore store;
    private final HandleKeys keys;
    private final HomedPrefixes homed;
    private final Authorizer authorizer;
    private final boolean allowed;
    private final int maxListed;

    ListHandlesHandler(HandleStore store, HandleKeys keys, HomedPrefixes homed, Authorizer authorizer, boolean allowed,
                       int maxListed) {
        this.store = store;
        this.keys = keys;
        this.homed = homed;
        this.authorizer = authorizer;
        this.allowed = allowed;
        this.maxListed = maxListed;
    }

    @Override
    public void handle(Request request, Reply reply) {
        if (!allowed) {
            throw new ProtocolException(ResponseCodes.OPERATION_NOT_SUPPORTED, "listing handles is switched off here");
        }
        String given = ((ListHandlesRequest) request.body()).prefixHandle();
        String prefix = given.regionMatches(true, 0, "0.NA/", 0, 5) ? given.substring(5) : given;
        if (prefix.isEmpty() || prefix.indexOf('/') >= 0) {
            throw new ProtocolException(ResponseCodes.INVALID_HANDLE, "prefix handle: " + given + " (expected: 0.NA/<prefix>)");
        }
        if (!homed.isResponsibleFor("0.NA/" + prefix)) {
            throw new ProtocolException(ResponseCodes.SERVER_NOT_RESP, Resolver.NOT_HOMED);
        }
        Identity id = request.identity();
        byte[] prefixRecord = store.get(keys.prefixHandleKey(prefix));
        if (!authorizer.grants(prefixRecord == null ? List.of() : Authorizer.adminValues(StoredRecord.decode(prefixRecord)),
                id, AdminRecord.LIST_HANDLES)) {
            throw new ProtocolException(ResponseCodes.INVALID_ADMIN, id + " may not list " + prefix + ": no HS_ADMIN grants it LIST_HANDLES");
        }
        byte[] scan = keys.scanPrefix(prefix);
        List<String> names = new ArrayList<>();
        byte[] after = null;
        while (names.size() < maxListed) {
            List<byte[]> page = store.scanKeys(scan, after, Math.min(PAGE, maxListed - names.size()));
            for (byte[] k : page) {
                names.add(new String(k, StandardCharsets.UTF_8));
            }
            if (page.size() < PAGE) {
                break;
            }
            after = page.get(page.size() - 1);
        }
        Listing.send(reply, names);
    }
}
