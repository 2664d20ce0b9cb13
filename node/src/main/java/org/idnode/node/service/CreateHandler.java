package org.idnode.node.service;

import org.idnode.node.registration.Registrar;
import org.idnode.protocol.OpFlags;
import org.idnode.protocol.codec.Wire;
import org.idnode.protocol.message.CreateHandleRequest;

/** OC 100 (§8.4): create, with OVRW (replace) and MINT (a new suffix); answered when durable with the handle made. */
final class CreateHandler implements OpHandler {
    private final Registrar registrar;

    CreateHandler(Registrar registrar) {
        this.registrar = registrar;
    }

    @Override
    public void handle(Request request, Reply reply) {
        CreateHandleRequest c = (CreateHandleRequest) request.body();
        reply.when(registrar.create(c.handle(), c.values(), request.has(OpFlags.OVRW), request.has(OpFlags.MINT),
                request.identity()), (r, outcome) -> {
            // [CNRI] §8.4: the body names the handle as created (minted ones included).
            Wire.writeString(r.body(), outcome.handle());
            r.send();
        });
    }
}
