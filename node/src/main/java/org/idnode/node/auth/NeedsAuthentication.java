package org.idnode.node.auth;

/**
 * Thrown by a handler that can go no further without knowing who the caller is: the dispatcher
 * answers with a challenge (RC 402, handle-protocol.md §14) and redoes the request once it is
 * answered. Carries no stack trace: it is control flow, not a failure.
 */
public final class NeedsAuthentication extends RuntimeException {
    public static final NeedsAuthentication INSTANCE = new NeedsAuthentication();

    private NeedsAuthentication() {
        super("authentication needed", null, false, false);
    }
}
