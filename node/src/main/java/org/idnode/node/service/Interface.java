package org.idnode.node.service;

/** The transport a request came in on; UDP is query-only (handle-protocol.md §2, interface type check). */
public enum Interface {
    UDP(false), TCP(true), HTTP(true);

    private final boolean admin;

    Interface(boolean admin) {
        this.admin = admin;
    }

    public boolean acceptsAdmin() {
        return admin;
    }
}
