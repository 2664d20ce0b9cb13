package org.idnode.bench.load;

import java.util.Arrays;
import java.util.stream.Collectors;

/** How the load tool talks to the node (handle-protocol.md §2, §18). */
enum Transport {
    /** One datagram per request; replies reassembled by messageLength / messageId. */
    UDP("udp"),
    /** Kept-alive connections, requests pipelined, replies matched by request id. */
    TCP("tcp"),
    /** A new connection per request, as the official client does. */
    TCP_ONESHOT("tcp-oneshot"),
    /** REST {@code GET /api/handles/{handle}} on kept-alive HTTP/1.1, one outstanding per connection. */
    HTTP("http");

    private final String label;

    Transport(String label) {
        this.label = label;
    }

    String label() {
        return label;
    }

    /** Requests one connection carries at once: --in-flight where the protocol allows it, else 1. */
    int window(int inFlight) {
        return this == TCP || this == UDP ? inFlight : 1;
    }

    static Transport parse(String s) {
        for (Transport t : values()) {
            if (t.label.equalsIgnoreCase(s)) {
                return t;
            }
        }
        throw new IllegalArgumentException("transport: " + s + " (expected: " + names() + ")");
    }

    static String names() {
        return Arrays.stream(values()).map(Transport::label).collect(Collectors.joining(", "));
    }
}
