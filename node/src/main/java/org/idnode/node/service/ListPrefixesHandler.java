package org.idnode.node.service;

import java.util.ArrayList;
import java.util.List;
import org.idnode.node.registration.Registrar;

/** OC 302 (§8.5): the homed prefixes as {@code 0.NA/<prefix>}; server administrators only. */
final class ListPrefixesHandler implements OpHandler {
    private final Registrar registrar;
    private final HomedPrefixes homed;

    ListPrefixesHandler(Registrar registrar, HomedPrefixes homed) {
        this.registrar = registrar;
        this.homed = homed;
    }

    @Override
    public void handle(Request request, Reply reply) {
        registrar.requireServerAdmin(request.identity(), "list prefixes");
        List<String> names = new ArrayList<>();
        for (String p : new java.util.TreeSet<>(homed.all())) {
            names.add("0.NA/" + p);
        }
        Listing.send(reply, names);
    }
}
