package org.idnode.node.transport;

import io.netty.channel.Channel;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.idnode.node.transport.TransportCounters.Rejection;

/**
 * Open connections of one listener, in total and per source address. A connection over either
 * bound is closed as soon as it is accepted, before any handler is set up, and counted: the file
 * descriptors and buffers an attacker can hold are bounded, and one address can't take them all.
 */
public final class ConnectionLimiter {
    private final int max;
    private final int maxPerAddress;
    private final Rejection overTotal;
    private final Rejection overAddress;
    private final TransportCounters counters;
    private final ProvenAddresses proven;
    private final AtomicInteger open = new AtomicInteger();
    private final ConcurrentHashMap<InetAddress, AtomicInteger> byAddress = new ConcurrentHashMap<>();

    /** {@code proven} may be null: the admin port proves nothing for UDP. */
    public ConnectionLimiter(int max, int maxPerAddress, Rejection overTotal, Rejection overAddress,
                             TransportCounters counters, ProvenAddresses proven) {
        this.max = max;
        this.maxPerAddress = maxPerAddress;
        this.overTotal = overTotal;
        this.overAddress = overAddress;
        this.counters = counters;
        this.proven = proven;
    }

    /** True if {@code ch} may stay; else it is closed and counted. Call from the channel initializer. */
    public boolean admit(Channel ch) {
        if (open.incrementAndGet() > max) {
            open.decrementAndGet();
            counters.rejected(overTotal);
            ch.close();
            return false;
        }
        InetAddress address = ((InetSocketAddress) ch.remoteAddress()).getAddress();
        AtomicInteger n = byAddress.computeIfAbsent(address, a -> new AtomicInteger());
        if (n.incrementAndGet() > maxPerAddress) {
            release(address);
            open.decrementAndGet();
            counters.rejected(overAddress);
            ch.close();
            return false;
        }
        if (proven != null) {
            proven.proved(address, System.nanoTime());
        }
        ch.closeFuture().addListener(f -> {
            release(address);
            open.decrementAndGet();
        });
        return true;
    }

    private void release(InetAddress address) {
        byAddress.computeIfPresent(address, (a, n) -> n.decrementAndGet() <= 0 ? null : n);
    }

    public int open() {
        return open.get();
    }

    public int openFrom(InetAddress address) {
        AtomicInteger n = byAddress.get(address);
        return n == null ? 0 : n.get();
    }
}
