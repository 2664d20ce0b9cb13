package org.idnode.bench.load;

import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * One run: builds the lanes on the event loops, starts them, and from the calling thread prints
 * progress once a second, discards the warmup, and at the end stops the lanes and takes the
 * figures of the measured window. Requests still outstanding at the end count nowhere.
 */
final class LoadRun {
    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

    private final Settings settings;
    private final Stats stats = new Stats();
    private final InetSocketAddress address;
    private final PrintStream progress;
    private volatile boolean stopped;

    LoadRun(Settings settings, PrintStream progress) {
        this.settings = settings;
        this.progress = progress;
        // Resolved once here, so no connection waits for a name lookup.
        this.address = new InetSocketAddress(settings.host(), settings.targetPort());
        if (address.isUnresolved()) {
            throw new IllegalArgumentException("--host: cannot resolve " + settings.host());
        }
    }

    Settings settings() {
        return settings;
    }

    Stats stats() {
        return stats;
    }

    Workload workload() {
        return settings.workload();
    }

    InetSocketAddress address() {
        return address;
    }

    boolean stopped() {
        return stopped;
    }

    Report run() throws InterruptedException {
        int lanes = settings.lanes();
        EventLoopGroup group = Transports.group(settings.effectiveThreads());
        try {
            Map<EventLoop, Pacer> pacers = new IdentityHashMap<>();
            List<Lane> all = new ArrayList<>(lanes);
            for (int i = 0; i < lanes; i++) {
                EventLoop loop = group.next();
                Pacer pacer = settings.openLoop() ? pacers.computeIfAbsent(loop, l -> new Pacer(l, this)) : null;
                Lane lane = newLane(i, loop, pacer);
                if (pacer != null) {
                    pacer.add(lane);
                }
                all.add(lane);
            }
            long t0 = System.nanoTime();
            for (Lane lane : all) {
                lane.loop.execute(() -> lane.start(t0));
            }
            try {
                return measure(t0);
            } finally {
                stopped = true;
                for (Lane lane : all) {
                    lane.stop();
                }
            }
        } finally {
            stopped = true;
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).await(10, TimeUnit.SECONDS);
        }
    }

    private Lane newLane(int i, EventLoop loop, Pacer pacer) {
        return switch (settings.transport()) {
            case UDP -> new UdpLane(this, loop, i, pacer);
            case TCP -> settings.writes() ? new SessionLane(this, loop, i, pacer) : new TcpLane(this, loop, i, pacer);
            case TCP_ONESHOT -> settings.writes() ? new AdminOneShotLane(this, loop, i, pacer) : new OneShotLane(this, loop, i, pacer);
            case HTTP -> new HttpLane(this, loop, i, pacer);
        };
    }

    private Report measure(long t0) throws InterruptedException {
        long warmupEnd = t0 + settings.warmup().toNanos();
        long end = warmupEnd + settings.duration().toNanos();
        boolean measuring = warmupEnd == t0;
        Stats.Counts base = stats.counts();
        Histogram latency = new Histogram(3);
        Histogram createLatency = new Histogram(3);
        Histogram lag = new Histogram(3);
        long measureStart = t0;
        long nextTick = t0 + SECOND;
        Stats.Counts last = base;
        long lastTick = t0;
        // One turn per second plus the warmup boundary; the bound only guards against clock oddities.
        long maxTurns = (end - t0) / SECOND + 4;
        for (long turn = 0; turn < maxTurns; turn++) {
            long now = System.nanoTime();
            if (now - end >= 0) {
                break;
            }
            long wake = Math.min(Math.min(nextTick, measuring ? end : warmupEnd), end);
            TimeUnit.NANOSECONDS.sleep(Math.max(0, wake - now));
            now = System.nanoTime();
            if (!measuring && now - warmupEnd >= 0) {
                stats.intervalHistogram(); // warmup latencies: dropped
                stats.intervalCreateHistogram();
                stats.intervalSendLag();
                latency.reset();
                createLatency.reset();
                lag.reset();
                base = stats.counts();
                measureStart = now;
                measuring = true;
            }
            if (now - nextTick >= 0) {
                latency.add(stats.intervalHistogram());
                createLatency.add(stats.intervalCreateHistogram());
                lag.add(stats.intervalSendLag());
                Stats.Counts c = stats.counts();
                printProgress(now - t0, measuring, c.minus(last), now - lastTick, c.minus(base), latency);
                last = c;
                lastTick = now;
                nextTick += SECOND;
            }
        }
        stopped = true;
        long measureEnd = System.nanoTime();
        if (!measuring) {
            stats.intervalHistogram(); // the run ended inside the warmup
            stats.intervalCreateHistogram();
            stats.intervalSendLag();
            latency.reset();
            createLatency.reset();
            lag.reset();
            base = stats.counts();
            measureStart = measureEnd;
        }
        latency.add(stats.intervalHistogram());
        createLatency.add(stats.intervalCreateHistogram());
        lag.add(stats.intervalSendLag());
        Stats.Counts window = stats.counts().minus(base);
        String[] samples = new String[ErrorKind.values().length];
        for (ErrorKind k : ErrorKind.values()) {
            samples[k.ordinal()] = stats.sample(k);
        }
        return new Report(settings, Transports.name(), window, (measureEnd - measureStart) / 1e9, latency, createLatency, lag,
                samples);
    }

    private void printProgress(long elapsed, boolean measuring, Stats.Counts second, long secondNanos,
                               Stats.Counts soFar, Histogram latency) {
        double rate = (second.requests()) * 1e9 / Math.max(1, secondNanos);
        boolean any = latency.getTotalCount() > 0;
        progress.printf("%5.0fs %-7s %,10.0f req/s  errors %,d  p50 %sus  p99 %sus%n", elapsed / 1e9,
                measuring ? "" : "warmup", rate, soFar.errorTotal(),
                any ? Report.micros(latency.getValueAtPercentile(50)) : "-",
                any ? Report.micros(latency.getValueAtPercentile(99)) : "-");
        progress.flush();
    }
}
