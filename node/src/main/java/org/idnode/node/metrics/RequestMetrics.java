package org.idnode.node.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.netty.buffer.ByteBuf;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.atomic.LongAdder;
import org.idnode.node.service.Interface;
import org.idnode.node.service.RequestObserver;
import org.idnode.protocol.Limits;

/**
 * Request counters, timers and byte counts, as a {@link RequestObserver}. Everything a request
 * touches is resolved ahead: one timer and byte counters per transport, and the counter of each
 * (transport, opcode, rc) in an array slot, registered the first time that combination is seen and
 * then read with one array load; no tags are built and no map is searched per request.
 */
final class RequestMetrics implements RequestObserver {
    /** Buckets from tens of microseconds (a cached read) to a second (a stalled write). */
    static final Duration[] BUCKETS = {micros(10), micros(25), micros(50), micros(100), micros(250), micros(500),
            Duration.ofMillis(1), micros(2500), Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25),
            Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500),
            Duration.ofSeconds(1)};

    private static final Interface[] TRANSPORTS = Interface.values();
    private static final int OPS = MetricLabels.opcodeCount();
    private static final int RCS = MetricLabels.rcCount();

    private final MeterRegistry registry;
    private final AtomicReferenceArray<Counter> requests = new AtomicReferenceArray<>(TRANSPORTS.length * OPS * RCS);
    private final Timer[] durations = new Timer[TRANSPORTS.length];
    private final LongAdder[] started = new LongAdder[TRANSPORTS.length];
    private final Counter[] received = new Counter[TRANSPORTS.length];
    private final Counter[] sent = new Counter[TRANSPORTS.length];

    RequestMetrics(MeterRegistry registry) {
        this.registry = registry;
        for (Interface t : TRANSPORTS) {
            int i = t.ordinal();
            durations[i] = Timer.builder("idnode.request.duration")
                    .description("Time from a decoded request to its response being built (excludes the network)")
                    .tag("transport", t.label())
                    .serviceLevelObjectives(BUCKETS)
                    .register(registry);
            started[i] = new LongAdder();
            Timer done = durations[i];
            LongAdder begun = started[i];
            // In flight = started - finished; read finished first so the difference is never negative in a race.
            Gauge.builder("idnode.requests.in.flight", () -> {
                        long finished = done.count();
                        return Math.max(0, begun.sum() - finished);
                    })
                    .description("Requests being processed")
                    .tag("transport", t.label())
                    .strongReference(true)
                    .register(registry);
            received[i] = Counter.builder("idnode.received.bytes")
                    .description("Octets of requests: Handle frames (envelope + message); REST: URI + body")
                    .tag("transport", t.label())
                    .register(registry);
            sent[i] = Counter.builder("idnode.sent.bytes")
                    .description("Octets of responses: Handle frames (envelope + message); REST: JSON body")
                    .tag("transport", t.label())
                    .register(registry);
            // The common case exists from the start, so rate() sees its first increments.
            counter(i, 1, 1);
        }
    }

    @Override
    public long started(Interface transport) {
        started[transport.ordinal()].increment();
        return System.nanoTime();
    }

    @Override
    public void answered(Interface transport, long start, SocketAddress client, ByteBuf request, ByteBuf response) {
        long elapsed = System.nanoTime() - start;
        int at = response.readerIndex();
        // The response header repeats the request's opcode (0 when it could not be read) and carries the RC.
        boolean whole = response.readableBytes() >= Limits.ENVELOPE_SIZE + 8;
        int opCode = whole ? response.getInt(at + Limits.ENVELOPE_SIZE) : 0;
        int rc = whole ? response.getInt(at + Limits.ENVELOPE_SIZE + 4) : 0;
        record(transport.ordinal(), opCode, rc, elapsed, request.readableBytes(), response.readableBytes());
    }

    @Override
    public void answeredRest(long start, SocketAddress client, int opCode, int responseCode, String handle,
                             int receivedBytes, int sentBytes) {
        long elapsed = System.nanoTime() - start;
        record(Interface.REST.ordinal(), opCode, responseCode, elapsed, receivedBytes, sentBytes);
    }

    private void record(int t, int opCode, int rc, long elapsedNanos, int in, int out) {
        counter(t, opCode, rc).increment();
        durations[t].record(elapsedNanos, TimeUnit.NANOSECONDS);
        received[t].increment(in);
        sent[t].increment(out);
    }

    private Counter counter(int t, int opCode, int rc) {
        int op = MetricLabels.opcodeIndex(opCode);
        int code = MetricLabels.rcIndex(rc);
        int slot = (t * OPS + op) * RCS + code;
        Counter c = requests.get(slot);
        if (c == null) {
            // First time for this combination: the registry returns the one counter for these tags,
            // so two threads racing here end up with the same counter.
            c = Counter.builder("idnode.requests")
                    .description("Requests answered, by transport, opcode and response code")
                    .tags("transport", TRANSPORTS[t].label(), "opcode", MetricLabels.opcodeLabel(op),
                            "rc", MetricLabels.rcLabel(code))
                    .register(registry);
            requests.set(slot, c);
        }
        return c;
    }

    private static Duration micros(long n) {
        return Duration.ofNanos(n * 1000);
    }
}
