package org.idnode.node.transport;

import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.idnode.node.auth.Identity;
import org.idnode.node.auth.NeedsAuthentication;
import org.idnode.node.registration.Registrar;
import org.idnode.node.service.HandleLister;
import org.idnode.node.service.HomedPrefixes;
import org.idnode.protocol.OpCodes;
import org.idnode.protocol.ProtocolException;
import org.idnode.protocol.ResponseCodes;
import org.idnode.protocol.json.RestResponses;

/**
 * The REST listings (handle-protocol.md §18): {@code GET /api/handles?prefix=P&page=&pageSize=}
 * (OC 105, LIST_HANDLES on the prefix handle) and {@code GET /api/prefixes} (OC 302, server
 * administrators). Both need an identity; pages are bounded so that one answer stays small.
 */
final class RestAdminReads {
    /** Names per page when {@code pageSize} is not given, and the most a page may ask for. */
    static final int DEFAULT_PAGE_SIZE = 100;
    static final int MAX_PAGE_SIZE = 1000;

    private final HandleLister lister;
    private final Registrar registrar;
    private final HomedPrefixes homed;

    RestAdminReads(HandleLister lister, Registrar registrar, HomedPrefixes homed) {
        this.lister = lister;
        this.registrar = registrar;
        this.homed = homed;
    }

    RestReply handles(RestRequest r, Identity id) {
        List<String> prefix = r.param("prefix");
        if (prefix.isEmpty() || prefix.get(0).isEmpty()) {
            throw new ProtocolException(ResponseCodes.PROTOCOL_ERROR,
                    "prefix: missing (expected: /api/handles?prefix=88.118.8, or /api/handles/{handle} to resolve)");
        }
        int page;
        int pageSize;
        try {
            page = RestParams.number(r.params(), "page", 0, Integer.MAX_VALUE);
            pageSize = RestParams.number(r.params(), "pageSize", DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE);
        } catch (IllegalArgumentException e) {
            throw new ProtocolException(ResponseCodes.PROTOCOL_ERROR, e.getMessage());
        }
        if (id == null) {
            throw NeedsAuthentication.INSTANCE;
        }
        // Pages count from 0, as the reference's.
        HandleLister.Page p = lister.list(prefix.get(0), id, (long) page * pageSize, pageSize);
        return RestReply.of(HttpResponseStatus.OK, OpCodes.LIST_HANDLES, ResponseCodes.SUCCESS, null,
                RestResponses.handleList(p.prefix(), p.total(), p.handles(), r.pretty()));
    }

    RestReply prefixes(RestRequest r, Identity id) {
        if (id == null) {
            throw NeedsAuthentication.INSTANCE;
        }
        registrar.requireServerAdmin(id, "list prefixes");
        List<String> names = new ArrayList<>();
        for (String p : new TreeSet<>(homed.all())) {
            names.add("0.NA/" + p);
        }
        return RestReply.of(HttpResponseStatus.OK, OpCodes.LIST_HOMED_NAS, ResponseCodes.SUCCESS, null,
                RestResponses.prefixList(names, r.pretty()));
    }
}
