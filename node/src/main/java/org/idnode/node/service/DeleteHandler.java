package org.idnode.node.service;

import org.idnode.node.registration.Registrar;
import org.idnode.protocol.message.DeleteHandleRequest;

/** OC 101 (§8.4): delete a handle; needs DELETE_HANDLE. */
final class DeleteHandler implements OpHandler {
    private final Registrar registrar;

    DeleteHandler(Registrar registrar) {
        this.registrar = registrar;
    }

    @Override
    public void handle(Request request, Reply reply) {
        DeleteHandleRequest d = (DeleteHandleRequest) request.body();
        reply.when(registrar.delete(d.handle(), request.identity()), (r, outcome) -> r.ok());
    }
}
