package org.idnode.node.service;

/**
 * The transport a request came in on; UDP is query-only (handle-protocol.md §2, interface type check).
 * HTTP is the binary protocol tunnelled in a POST, REST the JSON API on the same port.
 */
public enum Interface {
    UDP(false, "udp"), TCP(true, "tcp"), HTTP(true, "http"), REST(true, "rest");

    private final boolean admin;
    private final String label;

    Interface(boolean admin, String label) {
        this.admin = admin;
        this.label = label;
    }

    public boolean acceptsAdmin() {
        return admin;
    }

    /**
     * False for UDP: input that is not a well-formed request gets no answer there, since its source
     * address may be forged and an answer would turn the node into a reflector.
     */
    public boolean answersMalformed() {
        return this != UDP;
    }

    /** The name in metrics and the access log. */
    public String label() {
        return label;
    }
}
