package org.idnode.node.transport;

import java.net.InetAddress;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Replies per source address and second, a token bucket each (burst = one second's worth), in the
 * spirit of DNS response rate limiting: whatever a forged source makes us send, one victim address
 * receives at most this many replies a second. Used from one UDP event loop only, so no locks; with
 * SO_REUSEPORT each socket has its own, which a source sending from many ports can multiply.
 *
 * <p>The table is bounded. A bucket idle for a second is full again and can be forgotten, so when
 * the table fills, such entries go; if it is still full (over {@link #MAX_SOURCES} sources active in
 * one second), new sources are refused until some fall idle, rather than served without a limit.
 * Sources in trusted networks (the node's own clients, a load tool) are exempt; whether a source is
 * trusted is decided once, when its bucket is made.
 */
final class UdpRateLimiter {
    static final int MAX_SOURCES = 100_000;
    private static final long SECOND = 1_000_000_000L;

    private final long perSecond;
    private final Predicate<InetAddress> exempt;
    private final Map<InetAddress, Bucket> buckets = new HashMap<>();
    private long lastPurge;

    UdpRateLimiter(long perSecond) {
        this(perSecond, a -> false);
    }

    UdpRateLimiter(long perSecond, Predicate<InetAddress> exempt) {
        this.perSecond = perSecond;
        this.exempt = exempt;
    }

    /** True if a reply to {@code source} at {@code now} (nanos) fits its budget, and takes it. */
    boolean allow(InetAddress source, long now) {
        Bucket b = buckets.get(source);
        if (b == null) {
            if (buckets.size() >= MAX_SOURCES && !purge(now)) {
                return false;
            }
            b = new Bucket(perSecond, now, exempt.test(source));
            buckets.put(source, b);
        } else if (b.exempt) {
            b.last = now;
            return true;
        } else {
            long elapsed = now - b.last;
            if (elapsed > 0) {
                // Refill: perSecond tokens per second, capped at one second's worth.
                long add = elapsed >= SECOND ? perSecond : elapsed * perSecond / SECOND;
                if (add > 0) {
                    b.tokens = Math.min(perSecond, b.tokens + add);
                    b.last = now;
                }
            }
        }
        if (b.exempt) {
            return true;
        }
        if (b.tokens <= 0) {
            return false;
        }
        b.tokens--;
        return true;
    }

    /** Forgets buckets idle for a second (at most every 100 ms); true if room was made. */
    private boolean purge(long now) {
        if (now - lastPurge < SECOND / 10) {
            return false;
        }
        lastPurge = now;
        buckets.values().removeIf(b -> now - b.last >= SECOND);
        return buckets.size() < MAX_SOURCES;
    }

    int tracked() {
        return buckets.size();
    }

    private static final class Bucket {
        final boolean exempt;
        long tokens;
        long last;

        Bucket(long tokens, long last, boolean exempt) {
            this.tokens = tokens;
            this.last = last;
            this.exempt = exempt;
        }
    }
}
