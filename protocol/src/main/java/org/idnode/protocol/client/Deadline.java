package org.idnode.protocol.client;

import java.net.SocketTimeoutException;
import java.time.Duration;

/** The end of one exchange: every blocking call gets what is left of it, so no call outlives it. */
final class Deadline {
    private final long endNanos;
    private final Duration total;

    private Deadline(long endNanos, Duration total) {
        this.endNanos = endNanos;
        this.total = total;
    }

    static Deadline after(Duration d) {
        return new Deadline(System.nanoTime() + d.toNanos(), d);
    }

    long nanosLeft() {
        return endNanos - System.nanoTime();
    }

    /** Milliseconds left, at least 1 (0 means "forever" to socket timeouts); throws once expired. */
    int millisLeft(String waitingFor) throws SocketTimeoutException {
        long ns = nanosLeft();
        if (ns <= 0) {
            throw new SocketTimeoutException("timed out after " + total.toMillis() + " ms waiting for " + waitingFor);
        }
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, (ns + 999_999) / 1_000_000));
    }

    Duration total() {
        return total;
    }
}
