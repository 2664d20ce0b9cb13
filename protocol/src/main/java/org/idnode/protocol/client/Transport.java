package org.idnode.protocol.client;

/** How a request travels to a server (handle-protocol.md §2, §17). */
public enum Transport {
    /** One datagram, or 492-octet slices with TC set; retried on a schedule. */
    UDP,
    /** Envelope + message on a fresh connection; the reply is read the same way. */
    TCP,
    /** {@code POST /<handle>} with body envelope + message, as the official client sends it (§17). */
    HTTP
}
