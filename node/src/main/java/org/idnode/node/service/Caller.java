package org.idnode.node.service;

import org.idnode.node.auth.Identity;
import org.idnode.node.auth.Session;

/**
 * Who sent a request: the identity it proved (null: anonymous) and the session it came in (null:
 * none). Decided once per request by the dispatcher, before any handler runs.
 */
public record Caller(Identity identity, Session session) {
    public static final Caller ANONYMOUS = new Caller(null, null);

    public boolean authenticated() {
        return identity != null;
    }
}
