package org.idnode.node.service;

import org.idnode.node.registration.Registrar;
import org.idnode.protocol.OpCodes;
import org.idnode.protocol.OpFlags;
import org.idnode.protocol.message.AddValueRequest;
import org.idnode.protocol.message.ModifyValueRequest;
import org.idnode.protocol.message.RemoveValueRequest;

/**
 * OC 102 add, 103 remove, 104 modify values (§8.4). A modify may come from an anonymous caller: the
 * registrar decides, against the stored values, whether it needs an identity (§14).
 */
final class ValuesHandler implements OpHandler {
    private final Registrar registrar;

    ValuesHandler(Registrar registrar) {
        this.registrar = registrar;
    }

    @Override
    public void handle(Request request, Reply reply) {
        var work = switch (request.opCode()) {
            case OpCodes.ADD_VALUE -> {
                AddValueRequest a = (AddValueRequest) request.body();
                yield registrar.addValues(a.handle(), a.values(), request.has(OpFlags.OVRW), request.identity());
            }
            case OpCodes.REMOVE_VALUE -> {
                RemoveValueRequest rm = (RemoveValueRequest) request.body();
                yield registrar.removeValues(rm.handle(), rm.indexes(), request.identity());
            }
            default -> {
                ModifyValueRequest m = (ModifyValueRequest) request.body();
                yield registrar.modifyValues(m.handle(), m.values(), request.caller().identity());
            }
        };
        reply.when(work, (r, outcome) -> r.ok());
    }
}
