package org.idnode.node.service;

import org.idnode.protocol.message.ListHandlesRequest;

/** OC 105 (§8.5): every handle of a homed prefix, up to maxListedHandles, as {@link HandleLister} finds them. */
final class ListHandlesHandler implements OpHandler {
    private final HandleLister lister;

    ListHandlesHandler(HandleLister lister) {
        this.lister = lister;
    }

    @Override
    public void handle(Request request, Reply reply) {
        String given = ((ListHandlesRequest) request.body()).prefixHandle();
        Listing.send(reply, lister.list(given, request.identity(), 0, lister.maxListed()).handles());
    }
}
