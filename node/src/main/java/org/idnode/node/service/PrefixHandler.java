package org.idnode.node.service;

import org.idnode.node.registration.Registrar;
import org.idnode.protocol.OpCodes;
import org.idnode.protocol.message.HomePrefixRequest;
import org.idnode.protocol.message.UnhomePrefixRequest;

/** OC 300 home, 301 unhome a prefix (§8.5): server administrators only. */
final class PrefixHandler implements OpHandler {
    private final Registrar registrar;
    private final byte[] adminKey;

    PrefixHandler(Registrar registrar, byte[] adminKey) {
        this.registrar = registrar;
        this.adminKey = adminKey == null ? null : adminKey.clone();
    }

    @Override
    public void handle(Request request, Reply reply) {
        if (request.opCode() == OpCodes.HOME_NA) {
            String p = ((HomePrefixRequest) request.body()).prefixHandle();
            reply.when(registrar.home(p, request.identity(), adminKey), (r, o) -> r.ok());
        } else {
            String p = ((UnhomePrefixRequest) request.body()).prefixHandle();
            reply.when(registrar.unhome(p, request.identity()), (r, o) -> r.ok());
        }
    }
}
