package org.idnode.bench.load;

import io.netty.channel.EventLoop;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * One connection's (or socket's, or one-shot slot's) share of the load. A lane lives on one event
 * loop and all its state is touched only there, so nothing is locked.
 *
 * <p>Closed loop: the lane keeps {@code limit} requests outstanding, sending the next as each ends.
 * Open loop: request k of lane i is due at {@code origin + (k * lanes + i) / rate}, so the lanes'
 * schedules interleave into one fixed-rate stream; a due request waits while {@code limit} are
 * outstanding, and its latency still counts from when it was due.
 *
 * <p>Every request issued ends exactly once, in {@link #succeeded} or {@link #failed}.
 */
abstract class Lane {
    /** Pause after a refused connection, so a dead server isn't hammered in a tight loop. */
    static final long RETRY_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    protected final LoadRun run;
    protected final Settings settings;
    protected final EventLoop loop;
    protected final long timeoutNanos;
    private final int index;
    private final int limit;
    private final Pacer pacer;
    private final double nanosPerRequest;
    private long origin;
    private long scheduled;
    private int outstanding;
    private int sequence = ThreadLocalRandom.current().nextInt() & 0x3FFFFFFF;
    private boolean pumping;
    private boolean reading;

    Lane(LoadRun run, EventLoop loop, int index, Pacer pacer) {
        this.run = run;
        this.settings = run.settings();
        this.loop = loop;
        this.index = index;
        this.limit = settings.limit(index);
        this.pacer = pacer;
        this.timeoutNanos = settings.timeout().toNanos();
        this.nanosPerRequest = settings.openLoop() ? 1e9 / settings.rate() : 0;
    }

    /** On the lane's loop: connect, start the timeout sweep, send the first requests. */
    final void start(long originNanos) {
        origin = originNanos;
        long period = Math.max(5, Math.min(100, settings.timeout().toMillis() / 10));
        loop.scheduleAtFixedRate(() -> {
            if (!run.stopped()) {
                sweep(System.nanoTime());
            }
        }, period, period, TimeUnit.MILLISECONDS);
        open();
        pump();
    }

    /** Whether a request can be sent now (connected, not backing off). */
    abstract boolean ready();

    /** Starts connecting (kept-alive lanes); one-shot lanes connect per request. */
    abstract void open();

    /** Sends one request; {@code startNanos} is when it counts from, {@code now} when it is sent. */
    abstract void send(Workload.Target target, long startNanos, long now);

    /** Ends the requests whose deadline has passed. */
    abstract void sweep(long now);

    /** Pushes written requests to the socket. */
    abstract void flush();

    /** At the end of the run, from the run's thread: releases what the lane holds outside its loop (sessions, threads). */
    void stop() {
    }

    final void pump() {
        pump(System.nanoTime());
    }

    /** Sends what the loop allows now; bounded by the lane's limit. Re-entrant calls are absorbed. */
    final void pump(long now) {
        if (pumping || run.stopped()) {
            return;
        }
        pumping = true;
        try {
            // At most `limit` sends per call, even if sends fail at once and free their slot again.
            if (pacer == null) {
                for (int i = 0; i < limit && outstanding < limit && ready(); i++) {
                    issue(now, now);
                }
            } else {
                for (int i = 0; i < limit && outstanding < limit && ready() && due(scheduled) - now <= 0; i++) {
                    long due = due(scheduled++);
                    run.stats().sendLag(now - due);
                    issue(due, now);
                }
                if (outstanding < limit && ready()) {
                    pacer.arm(due(scheduled));
                }
            }
        } finally {
            pumping = false;
        }
        if (!reading) {
            flush();
        }
    }

    private long due(long k) {
        return origin + (long) ((k * (double) settings.lanes() + index) * nanosPerRequest);
    }

    private void issue(long startNanos, long now) {
        outstanding++;
        send(run.workload().next(ThreadLocalRandom.current()), startNanos, now);
    }

    /** Positive request ids, as CNRI clients use; distinct on this lane for 2^30 requests. */
    protected final int nextRequestId() {
        int id = ++sequence & 0x7FFFFFFF;
        return id == 0 ? ++sequence & 0x7FFFFFFF : id;
    }

    protected final void succeeded(Pending p, long now) {
        outstanding--;
        run.stats().ok(now - p.startNanos);
        if (p.target.create()) {
            run.stats().created(now - p.startNanos);
        }
        pump(now);
    }

    protected final void failed(Pending p, ReplyCheck.Failure f) {
        if (f.code() != null) {
            run.stats().wrongCode(f.code());
        }
        failed(p, f.kind(), f.detail());
    }

    protected final void failed(Pending p, ErrorKind kind, String detail) {
        outstanding--;
        run.stats().failed(kind, detail);
        pump();
    }

    /** Ends {@code p} as the check of its decoded reply says. */
    protected final void finish(Pending p, ReplyCheck.Failure f, long now) {
        if (f == null) {
            succeeded(p, now);
        } else {
            failed(p, f);
        }
    }

    /** Called by channel handlers around a read batch: writes made while reading are flushed once, after it. */
    protected final void readStarted() {
        reading = true;
    }

    protected final void readComplete() {
        reading = false;
        flush();
    }

    protected final int expectValues() {
        return settings.expectValues();
    }
}
