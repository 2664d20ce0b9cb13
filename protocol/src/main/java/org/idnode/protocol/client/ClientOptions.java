package org.idnode.protocol.client;

import java.time.Duration;
import java.util.List;
import org.idnode.protocol.OpFlags;

/**
 * Settings of a {@link HandleClient}.
 *
 * @param timeout  bound on one whole exchange: connect, send, every retry, read
 * @param udpWaits how long to wait after each UDP send before sending again (§2: 500, 1000, 1500 ms);
 *                 the exchange gives up after the last wait or at {@code timeout}, whichever is first
 * @param opFlags  op flags of the requests the client builds; by default what the stock client sends
 *                 (REC|CA|PO, §4)
 */
public record ClientOptions(Duration timeout, List<Duration> udpWaits, int opFlags) {
    public static final List<Duration> STOCK_UDP_WAITS =
            List.of(Duration.ofMillis(500), Duration.ofMillis(1000), Duration.ofMillis(1500));

    public ClientOptions {
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout: " + timeout + " (expected: a positive duration)");
        }
        udpWaits = List.copyOf(udpWaits);
        if (udpWaits.isEmpty() || udpWaits.stream().anyMatch(d -> d.isNegative() || d.isZero())) {
            throw new IllegalArgumentException("udpWaits: " + udpWaits + " (expected: one or more positive durations)");
        }
    }

    public static ClientOptions defaults() {
        return new ClientOptions(Duration.ofSeconds(5), STOCK_UDP_WAITS, OpFlags.CLIENT_DEFAULT);
    }

    public ClientOptions withTimeout(Duration t) {
        return new ClientOptions(t, udpWaits, opFlags);
    }

    public ClientOptions withUdpWaits(List<Duration> waits) {
        return new ClientOptions(timeout, waits, opFlags);
    }

    public ClientOptions withOpFlags(int flags) {
        return new ClientOptions(timeout, udpWaits, flags);
    }
}
