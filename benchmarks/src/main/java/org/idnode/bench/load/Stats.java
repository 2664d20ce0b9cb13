package org.idnode.bench.load;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Counters and latencies shared by all event loops. Writers never block one another: counters
 * are {@link LongAdder}s and latencies go into an HdrHistogram {@link Recorder}, whose interval
 * histograms the reporting thread swaps out once a second.
 */
final class Stats {
    /** Distinct wrong response codes kept by name; a server sending garbage codes can't grow the map. */
    private static final int MAX_CODES = 64;

    private final LongAdder ok = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final LongAdder[] errors = new LongAdder[ErrorKind.values().length];
    private final LongAdder late = new LongAdder();
    private final LongAdder created = new LongAdder();
    private final Recorder latency = new Recorder(3);
    private final Recorder createLatency = new Recorder(3);
    private final Recorder sendLag = new Recorder(3);
    private final AtomicReferenceArray<String> samples = new AtomicReferenceArray<>(ErrorKind.values().length);
    private final Map<String, LongAdder> wrongCodes = new ConcurrentHashMap<>();

    Stats() {
        for (int i = 0; i < errors.length; i++) {
            errors[i] = new LongAdder();
        }
    }

    /** A request answered correctly, {@code nanos} after it was sent (or scheduled, in an open loop). */
    void ok(long nanos) {
        ok.increment();
        latency.recordValue(Math.max(0, nanos));
    }

    /** A create answered RC 1: counted among the ok requests, and on its own for the creates' figures. */
    void created(long nanos) {
        created.increment();
        createLatency.recordValue(Math.max(0, nanos));
    }

    /**
     * Open loop: how late a request left against its schedule. Large values mean the tool (or a full
     * --in-flight window) held requests back; their latency includes that wait.
     */
    void sendLag(long nanos) {
        sendLag.recordValue(Math.max(0, nanos));
    }

    /** A request ended in an error. */
    void failed(ErrorKind kind, String detail) {
        failed.increment();
        error(kind, detail);
    }

    /** An error that ends no request (a reply nobody asked for). */
    void error(ErrorKind kind, String detail) {
        errors[kind.ordinal()].increment();
        if (detail != null && samples.get(kind.ordinal()) == null) {
            samples.compareAndSet(kind.ordinal(), null, detail);
        }
    }

    /** Tallies a wrong response code by name, so the report says which codes came back. */
    void wrongCode(String code) {
        LongAdder a = wrongCodes.get(code);
        if (a == null) {
            a = wrongCodes.size() < MAX_CODES ? wrongCodes.computeIfAbsent(code, c -> new LongAdder())
                    : wrongCodes.computeIfAbsent("other", c -> new LongAdder());
        }
        a.increment();
    }

    /** A reply for a request that had already timed out: already counted, so only noted. */
    void late() {
        late.increment();
    }

    Histogram intervalHistogram() {
        return latency.getIntervalHistogram();
    }

    Histogram intervalCreateHistogram() {
        return createLatency.getIntervalHistogram();
    }

    Histogram intervalSendLag() {
        return sendLag.getIntervalHistogram();
    }

    Counts counts() {
        long[] e = new long[errors.length];
        for (int i = 0; i < e.length; i++) {
            e[i] = errors[i].sum();
        }
        Map<String, Long> codes = new TreeMap<>();
        wrongCodes.forEach((k, v) -> codes.put(k, v.sum()));
        return new Counts(ok.sum(), failed.sum(), e, late.sum(), codes, created.sum());
    }

    String sample(ErrorKind kind) {
        return samples.get(kind.ordinal());
    }

    /** A snapshot of the counters; {@link #minus} gives the counts of a time window. */
    /** @param created the ok requests that were creates */
    record Counts(long ok, long failed, long[] errors, long late, Map<String, Long> wrongCodes, long created) {
        long errorTotal() {
            long t = 0;
            for (long e : errors) {
                t += e;
            }
            return t;
        }

        long error(ErrorKind k) {
            return errors[k.ordinal()];
        }

        /** Requests that ended: answered correctly or failed. */
        long requests() {
            return ok + failed;
        }

        Counts minus(Counts base) {
            long[] e = errors.clone();
            for (int i = 0; i < e.length; i++) {
                e[i] -= base.errors[i];
            }
            Map<String, Long> codes = new TreeMap<>(wrongCodes);
            base.wrongCodes.forEach((k, v) -> codes.computeIfPresent(k, (kk, n) -> n - v));
            codes.values().removeIf(n -> n == 0);
            return new Counts(ok - base.ok, failed - base.failed, e, late - base.late, codes, created - base.created);
        }
    }
}
