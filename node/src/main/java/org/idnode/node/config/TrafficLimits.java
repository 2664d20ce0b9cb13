package org.idnode.node.config;

import static org.idnode.node.config.Checks.positive;
import static org.idnode.node.config.Checks.range;

import java.time.Duration;
import java.util.List;

/**
 * What one peer, and all peers together, may cost the node: connections, buffered input, queued
 * replies, UDP reassembly and UDP replies. Immutable, every field with a default; YAML keys are the
 * component names (flat, beside the other keys of {@link NodeConfig}). Defaults and why they are so
 * are in node/README.md ("Limits under hostile traffic").
 *
 * @param maxConnections            open connections per stream listener (TCP, HTTP each)
 * @param maxConnectionsPerAddress  open connections from one source address per stream listener
 * @param requestReadTimeout        a connection's first request, and any request once begun, must
 *                                  arrive whole within this (slowloris)
 * @param inputBufferBytes          octets of unfinished requests buffered on all connections together
 * @param replyHighWaterBytes       queued reply octets on one connection above which reading pauses
 * @param maxQueuedReplyBytes       queued reply octets on one connection above which it is closed
 * @param udpReassemblyBytes        octets of multi-datagram requests held at once, all sources
 * @param udpReassemblyBytesPerSource the same, for one source address
 * @param udpReplyFactor            a reply to an unproven UDP source is at most this many times its
 *                                  request's size, else truncated (TC) so the client retries over TCP
 * @param udpTrustedNetworks        sources whose address counts as proven (CIDR)
 * @param udpProofLifetime          how long a TCP or HTTP request proves its source address for UDP
 * @param udpRepliesPerSecond       UDP replies one source address may draw per second (burst the same)
 * @param adminMaxConnections       open connections on the admin port, its own budget
 * @param maxDirectMemoryBytes      Netty's direct memory cap, independent of the heap size
 */
public record TrafficLimits(
        int maxConnections,
        int maxConnectionsPerAddress,
        Duration requestReadTimeout,
        long inputBufferBytes,
        int replyHighWaterBytes,
        int maxQueuedReplyBytes,
        long udpReassemblyBytes,
        long udpReassemblyBytesPerSource,
        int udpReplyFactor,
        List<String> udpTrustedNetworks,
        Duration udpProofLifetime,
        int udpRepliesPerSecond,
        int adminMaxConnections,
        long maxDirectMemoryBytes) {

    public TrafficLimits {
        udpTrustedNetworks = udpTrustedNetworks == null ? List.of() : List.copyOf(udpTrustedNetworks);
    }

    public static TrafficLimits defaults() {
        return new TrafficLimits(10_000, 256, Duration.ofSeconds(10), 64L << 20, 256 << 10, 4 << 20,
                16L << 20, 1L << 20, 4, List.of("127.0.0.0/8", "::1/128"), Duration.ofHours(1), 2_000, 32,
                512L << 20);
    }

    /** Throws {@link ConfigException} naming the first key out of range. */
    public TrafficLimits validate() {
        range("maxConnections", maxConnections, 1, 1_000_000);
        range("maxConnectionsPerAddress", maxConnectionsPerAddress, 1, maxConnections);
        positive("requestReadTimeout", requestReadTimeout);
        range("inputBufferBytes", inputBufferBytes, 1L << 20, 1L << 40);
        range("replyHighWaterBytes", replyHighWaterBytes, 4096, 64 << 20);
        range("maxQueuedReplyBytes", maxQueuedReplyBytes, replyHighWaterBytes, 1 << 30);
        range("udpReassemblyBytes", udpReassemblyBytes, 64L << 10, 1L << 34);
        range("udpReassemblyBytesPerSource", udpReassemblyBytesPerSource, 1024, udpReassemblyBytes);
        range("udpReplyFactor", udpReplyFactor, 1, 1000);
        for (String n : udpTrustedNetworks) {
            try {
                Cidr.parse(n);
            } catch (IllegalArgumentException e) {
                throw new ConfigException("udpTrustedNetworks", n, "a network such as 10.0.0.0/8 or ::1/128");
            }
        }
        positive("udpProofLifetime", udpProofLifetime);
        range("udpRepliesPerSecond", udpRepliesPerSecond, 1, 100_000_000);
        range("adminMaxConnections", adminMaxConnections, 1, 10_000);
        range("maxDirectMemoryBytes", maxDirectMemoryBytes, 32L << 20, 1L << 40);
        return this;
    }
}
