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
        /** A datagram with a readable envelope that is not a well-formed request: dropped (no reflection). */
        UDP_MALFORMED("udp", "malformed"),
        /** A piece of a multi-datagram request that can't belong to a valid message: dropped. */
        UDP_MALFORMED_PIECE("udp", "malformed_piece"),
        /** A piece refused by a reassembly bound (count, per-source or total octets): dropped. */
        UDP_REASSEMBLY_FULL("udp", "udp_reassembly_full"),
        /** A request from a source over udpRepliesPerSecond: dropped unanswered. */
        UDP_RATE_LIMITED("udp", "rate_limited"),
        /** A reply over udpReplyFactor times its request to an unproven source: sent as header + TC. */
        UDP_TRUNCATED("udp", "reply_truncated"),
        /** A multi-datagram request whose pieces did not all arrive within udpReassemblyTimeout. */
        UDP_REASSEMBLY_TIMEOUT("udp", "udp_reassembly_timeout"),
        /** A TCP envelope announcing a length over the cap: answered RC 4, connection closed. */
        TCP_OVERSIZED("tcp", "oversized_frame"),
        /** A TCP connection closed after tcpIdleTimeout without traffic. */
        TCP_IDLE("tcp", "idle_timeout"),
        /** A TCP connection refused: maxConnections open. */
        TCP_CONNECTIONS("tcp", "connection_limit"),
        /** A TCP connection refused: maxConnectionsPerAddress open from its address. */
        TCP_CONNECTIONS_PER_ADDRESS("tcp", "address_connection_limit"),
        /** A TCP connection closed: a request did not arrive whole within requestReadTimeout. */
        TCP_SLOW_REQUEST("tcp", "request_timeout"),
        /** A TCP connection closed: buffering its unfinished request would exceed inputBufferBytes. */
        TCP_INPUT_BUDGET("tcp", "input_budget"),
        /** A TCP connection closed: over maxQueuedReplyBytes of replies it does not read. */
        TCP_REPLY_QUEUE("tcp", "reply_queue_full"),
        /** An HTTP request the codec could not parse: answered 400, connection closed. */
        HTTP_MALFORMED("http", "malformed"),
        /** An HTTP body over maxFrameBytes: answered 413 by the aggregator. */
        HTTP_OVERSIZED("http", "oversized_frame"),
        /** An HTTP connection closed after tcpIdleTimeout without traffic. */
        HTTP_IDLE("http", "idle_timeout"),
        /** An HTTP connection refused: maxConnections open. */
        HTTP_CONNECTIONS("http", "connection_limit"),
        /** An HTTP connection refused: maxConnectionsPerAddress open from its address. */
        HTTP_CONNECTIONS_PER_ADDRESS("http", "address_connection_limit"),
        /** An HTTP connection closed: a request did not arrive whole within requestReadTimeout. */
        HTTP_SLOW_REQUEST("http", "request_timeout"),
        /** An HTTP request refused (503, closed): buffering its body would exceed inputBufferBytes. */
        HTTP_INPUT_BUDGET("http", "input_budget"),
        /** An HTTP connection closed: over maxQueuedReplyBytes of replies it does not read. */
        HTTP_REPLY_QUEUE("http", "reply_queue_full"),
        /** An HTTP request of a version other than 1.0 or 1.1: answered 505, closed. */
        HTTP_VERSION("http", "unsupported_version"),
        /** An admin connection refused: adminMaxConnections open. */
        ADMIN_CONNECTIONS("admin", "connection_limit");

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

    /** The rejections of one stream listener (TCP or HTTP), for the handlers both share. */
    record Stream(Rejection connections, Rejection perAddress, Rejection slowRequest, Rejection inputBudget,
                  Rejection replyQueue) {
        static final Stream TCP = new Stream(Rejection.TCP_CONNECTIONS, Rejection.TCP_CONNECTIONS_PER_ADDRESS,
                Rejection.TCP_SLOW_REQUEST, Rejection.TCP_INPUT_BUDGET, Rejection.TCP_REPLY_QUEUE);
        static final Stream HTTP = new Stream(Rejection.HTTP_CONNECTIONS, Rejection.HTTP_CONNECTIONS_PER_ADDRESS,
                Rejection.HTTP_SLOW_REQUEST, Rejection.HTTP_INPUT_BUDGET, Rejection.HTTP_REPLY_QUEUE);
    }

    public void rejected(Rejection r) {
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
