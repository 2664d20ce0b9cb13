package org.idnode.node.service;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.idnode.node.storage.StorageException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Failures of the node itself while answering (a corrupt storage block, a bug): the client gets
 * RC 2 (or HTTP 500), and this counts them and logs at most one line per kind every ten seconds,
 * with how many more there were, so a damaged range hit by every request costs no log flood and no
 * stack trace per request on an event loop. Storage failures also feed readiness: over
 * {@link #NOT_READY_THRESHOLD} in the current window, the node reports not ready until a window
 * passes with fewer.
 */
public final class ServerFailures {
    private static final Logger LOG = LoggerFactory.getLogger(ServerFailures.class);
    static final long WINDOW_NANOS = 10_000_000_000L;
    public static final int NOT_READY_THRESHOLD = 100;

    /** What failed: labels of {@code idnode_server_errors_total{kind}}. */
    public enum Kind {
        STORAGE("storage"), INTERNAL("internal"),
        /** A connection's I/O failed (reset by the peer and the like): counted, never logged. */
        IO("io");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    private final LongAdder[] counts = {new LongAdder(), new LongAdder(), new LongAdder()};
    private final AtomicLong[] lastLog = {new AtomicLong(Long.MIN_VALUE / 2), new AtomicLong(Long.MIN_VALUE / 2),
            new AtomicLong(Long.MIN_VALUE / 2)};
    private final AtomicLong[] sinceLog = {new AtomicLong(), new AtomicLong(), new AtomicLong()};
    private final AtomicLong windowStart = new AtomicLong(Long.MIN_VALUE / 2);
    private final AtomicLong inWindow = new AtomicLong();

    public static Kind kindOf(Throwable e) {
        if (e instanceof StorageException) {
            return Kind.STORAGE;
        }
        return e instanceof java.io.IOException ? Kind.IO : Kind.INTERNAL;
    }

    /** Counts {@code e}, met while answering {@code what}; logs if this kind was quiet for ten seconds. */
    public Kind record(Throwable e, String what) {
        Kind kind = kindOf(e);
        long now = System.nanoTime();
        counts[kind.ordinal()].increment();
        if (kind == Kind.STORAGE) {
            long start = windowStart.get();
            if (now - start > WINDOW_NANOS && windowStart.compareAndSet(start, now)) {
                inWindow.set(0);
            }
            inWindow.incrementAndGet();
        }
        if (kind == Kind.IO) {
            return kind;
        }
        long suppressed = sinceLog[kind.ordinal()].incrementAndGet() - 1;
        long last = lastLog[kind.ordinal()].get();
        if (now - last >= WINDOW_NANOS && lastLog[kind.ordinal()].compareAndSet(last, now)) {
            sinceLog[kind.ordinal()].set(0);
            LOG.warn("{} failure answering {} (answered as server error): {}{}", kind.label(), what, e.toString(),
                    suppressed > 0 ? " (" + suppressed + " more since the last such line)" : "");
        }
        return kind;
    }

    public long count(Kind kind) {
        return counts[kind.ordinal()].sum();
    }

    /** For readiness: false while storage failures in the current ten-second window reach the threshold. */
    public boolean storageHealthy() {
        return System.nanoTime() - windowStart.get() > WINDOW_NANOS || inWindow.get() < NOT_READY_THRESHOLD;
    }
}
