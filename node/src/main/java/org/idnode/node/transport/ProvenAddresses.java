package org.idnode.node.transport;

import java.net.InetAddress;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import org.idnode.node.config.Cidr;

/**
 * Source addresses known not to be forged: configured trusted networks, and addresses that recently
 * completed a TCP handshake with us (a forged source can't). UDP replies larger than the
 * amplification bound go only to these (as DNS sends whole answers only after TC made the client
 * come back over TCP). The table is bounded; when full, new addresses wait until old ones expire.
 */
public final class ProvenAddresses {
    static final int MAX_ENTRIES = 200_000;

    private final List<Cidr> trusted;
    private final long lifetimeNanos;
    private final ConcurrentHashMap<InetAddress, Long> seen = new ConcurrentHashMap<>();

    public ProvenAddresses(List<Cidr> trusted, long lifetimeNanos) {
        this.trusted = List.copyOf(trusted);
        this.lifetimeNanos = lifetimeNanos;
    }

    /** A TCP or HTTP peer at {@code a} completed its handshake at {@code now}. */
    public void proved(InetAddress a, long now) {
        if (seen.size() >= MAX_ENTRIES) {
            seen.values().removeIf(t -> now - t > lifetimeNanos);
            if (seen.size() >= MAX_ENTRIES) {
                return;
            }
        }
        seen.put(a, now);
    }

    /** In a configured trusted network (exempt from the UDP rate limit as well). */
    public boolean isTrusted(InetAddress a) {
        for (Cidr c : trusted) {
            if (c.contains(a)) {
                return true;
            }
        }
        return false;
    }

    public boolean isProven(InetAddress a, long now) {
        if (isTrusted(a)) {
            return true;
        }
        Long t = seen.get(a);
        return t != null && now - t <= lifetimeNanos;
    }
}
