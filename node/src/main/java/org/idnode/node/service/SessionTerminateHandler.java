package org.idnode.node.service;

import org.idnode.node.auth.Sessions;
import org.idnode.protocol.ProtocolException;
import org.idnode.protocol.ResponseCodes;

/** OC 401 (§8.8): ends the session the request came in (its MAC was checked by the dispatcher). */
final class SessionTerminateHandler implements OpHandler {
    private final Sessions sessions;

    SessionTerminateHandler(Sessions sessions) {
        this.sessions = sessions;
    }

    @Override
    public void handle(Request request, Reply reply) {
        if (request.caller().session() == null) {
            throw new ProtocolException(ResponseCodes.SESSION_TIMEOUT, "session terminate outside a session");
        }
        reply.ok();
        sessions.terminate(request.caller().session().id());
    }
}
