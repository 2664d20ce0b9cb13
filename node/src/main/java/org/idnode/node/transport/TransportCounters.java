package org.idnode.node.transport;

import java.util.concurrent.atomic.LongAdder;

/**
 * Counts of input refused or dropped before it became a request: always kept (they are rare and a
 * LongAdder each), read by the metrics as {@code idnode_input_rejected_total{transport,reason}}.
 */
public final class TransportCounters {

    /** Why input was refused, with the transport it came in on; labels as in the metrics. */
    public enum Rejection {
        /** A datagram whose envelope can't be read: dropped without an answer (no reflection). */
        UDP_UNDECODABLE("udp", "undecodable_datagram"),
        /** A piece of a multi-datagram request that can't belong to a valid message: answered RC 4. */
        UDP_MALFORMED_PIECE("udp", "malformed"),
        /** A first piece while udpMaxPendingRequests are in assembly: answered RC 3. */
        UDP_REASSEMBLY_FULL("udp", "udp_reassembly_full"),
        /** A multi-datagram request whose pieces did not all arrive within udpReassemblyTimeout. */
        UDP_REASSEMBLY_TIMEOUT("udp", "udp_reassembly_timeout"),
        /** A TCP envelope announcing a length over the cap: answered RC 4, connection closed. */
        TCP_OVERSIZED("tcp", "oversized_frame"),
        /** A TCP connection closed after tcpIdleTimeout without traffic. */
        TCP_IDLE("tcp", "idle_timeout"),
        /** An HTTP request the codec could not parse: answered 400, connection closed. */
        HTTP_MALFORMED("http", "malformed"),
        /** An HTTP body over maxFrameBytes: answered 413 by the aggregator. */
        HTTP_OVERSIZED("http", "oversized_frame"),
        /** An HTTP connection closed after tcpIdleTimeout without traffic. */
        HTTP_IDLE("http", "idle_timeout");

        private final String transport;
        private final String reason;

        Rejection(String transport, String reason) {
            this.transport = transport;
            this.reason = reason;
        }

        public String transport() {
            return transport;
        }

        public String reason() {
            return reason;
        }
    }

    private final LongAdder[] counts = new LongAdder[Rejection.values().length];

    public TransportCounters() {
        for (int i = 0; i < counts.length; i++) {
            counts[i] = new LongAdder();
        }
    }

    void rejected(Rejection r) {
        counts[r.ordinal()].increment();
    }

    void rejected(Rejection r, int n) {
        if (n > 0) {
            counts[r.ordinal()].add(n);
        }
    }

    public long count(Rejection r) {
        return counts[r.ordinal()].sum();
    }

    public long droppedDatagrams() {
        return count(Rejection.UDP_UNDECODABLE);
    }
}
