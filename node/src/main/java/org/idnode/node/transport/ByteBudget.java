package org.idnode.node.transport;

import java.util.concurrent.atomic.AtomicLong;

/**
 * A bound on octets held for peers, shared by the event loops that draw on it (buffered input,
 * UDP reassembly). A reservation either fits whole or is refused: the caller then refuses the peer,
 * it never waits, so a full budget can't stall an event loop.
 */
public final class ByteBudget {
    private final String name;
    private final long limit;
    private final AtomicLong used = new AtomicLong();

    public ByteBudget(String name, long limit) {
        this.name = name;
        this.limit = limit;
    }

    /** Takes {@code n} octets if they fit; false (nothing taken) if not. */
    public boolean tryReserve(long n) {
        long u;
        do {
            u = used.get();
            if (u + n > limit) {
                return false;
            }
        } while (!used.compareAndSet(u, u + n));
        return true;
    }

    public void release(long n) {
        used.addAndGet(-n);
    }

    public long used() {
        return used.get();
    }

    public long limit() {
        return limit;
    }

    public String name() {
        return name;
    }

    /** Fraction of the limit in use, 0..1. */
    public double fill() {
        return (double) used.get() / limit;
    }
}
