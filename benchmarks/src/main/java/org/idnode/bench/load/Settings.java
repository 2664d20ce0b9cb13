package org.idnode.bench.load;

import java.time.Duration;
import org.idnode.protocol.client.ClientIdentity;

/**
 * One run's settings, validated by {@link LoadTool}.
 *
 * @param connections  connections (UDP: sockets; tcp-oneshot: connections open at once)
 * @param inFlight     requests outstanding per connection for tcp and udp (http, tcp-oneshot: 1)
 * @param concurrency  closed loop: requests outstanding in total; ignored in an open loop
 * @param rate         open loop: requests per second scheduled at fixed intervals; 0 = closed loop
 * @param expectValues values a hit must carry; -1 = not checked
 * @param threads      event loop threads
 * @param identity     who creates (§14); null for a read-only run
 */
record Settings(Transport transport, String host, int port, int httpPort, int connections, int inFlight,
                int concurrency, double rate, Duration duration, Duration warmup, Duration timeout,
                Workload workload, int expectValues, int threads, ClientIdentity identity) {

    /** Whether the run creates handles (--workload create or mix). */
    boolean writes() {
        return workload.writeRatio() > 0;
    }

    boolean openLoop() {
        return rate > 0;
    }

    int window() {
        return transport.window(inFlight);
    }

    /** Lanes (connections or sockets) the run drives. A closed loop needs no more than its concurrency. */
    int lanes() {
        return openLoop() ? connections : Math.min(connections, concurrency);
    }

    /** Requests lane {@code i} keeps outstanding at most: its share of the concurrency, or the window. */
    int limit(int lane) {
        if (openLoop()) {
            return window();
        }
        int lanes = lanes();
        return concurrency / lanes + (lane < concurrency % lanes ? 1 : 0);
    }

    /** Event loop threads actually used: no more than there are lanes. */
    int effectiveThreads() {
        return Math.max(1, Math.min(threads, lanes()));
    }

    int targetPort() {
        return transport == Transport.HTTP ? httpPort : port;
    }

    String target() {
        return host + ":" + targetPort();
    }

    String mode() {
        return openLoop() ? "open loop, " + Report.number(rate) + " req/s"
                : "closed loop, concurrency " + concurrency;
    }
}
