package org.idnode.bench.load;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * The figures of a run's measured window, printed for people and written as JSON for scripts.
 * "requests" are requests that ended (answered correctly or failed); errors are counted by kind,
 * including replies that matched no request, and the error ratio is errors / (ok + errors).
 * Latencies are of correct replies only, in microseconds.
 */
final class Report {
    static final double[] PERCENTILES = {50, 90, 99, 99.9};

    private final Settings settings;
    private final String io;
    private final Stats.Counts counts;
    private final double seconds;
    private final Histogram latency;
    private final Histogram createLatency;
    private final Histogram sendLag;
    private final String[] samples;

    Report(Settings settings, String io, Stats.Counts counts, double seconds, Histogram latency, Histogram createLatency,
           Histogram sendLag, String[] samples) {
        this.settings = settings;
        this.io = io;
        this.counts = counts;
        this.seconds = seconds;
        this.latency = latency;
        this.createLatency = createLatency;
        this.sendLag = sendLag;
        this.samples = samples.clone();
    }

    long requests() {
        return counts.requests();
    }

    long ok() {
        return counts.ok();
    }

    long errors() {
        return counts.errorTotal();
    }

    long errors(ErrorKind kind) {
        return counts.error(kind);
    }

    double errorRatio() {
        long all = counts.ok() + errors();
        return all == 0 ? 0 : (double) errors() / all;
    }

    double throughput() {
        return seconds > 0 ? requests() / seconds : 0;
    }

    /** Passed: something was answered, and the error ratio is within the limit. */
    boolean passed(double maxErrorRatio) {
        return counts.ok() + errors() > 0 && errorRatio() <= maxErrorRatio;
    }

    void print(PrintStream out, double maxErrorRatio) {
        Settings s = settings;
        out.printf("idnode load: %s %s, %s, %d connection(s) x %d in flight, %d thread(s), %s%n",
                s.transport().label(), s.target(), s.mode(), s.lanes(), s.window(), s.effectiveThreads(), io);
        out.printf("workload:    %s%s%s%n", s.workload().describe(),
                s.expectValues() >= 0 ? ", hits carry " + s.expectValues() + " values" : "",
                s.identity() != null ? ", as " + s.identity() : "");
        out.printf("measured:    %.1f s after %.1f s warmup%n", seconds, s.warmup().toMillis() / 1000.0);
        out.printf("requests:    %,d (ok %,d, failed %,d)%n", requests(), ok(), counts.failed());
        out.printf("errors:      %,d (ratio %.5f, limit %s)%n", errors(), errorRatio(), maxErrorRatio);
        StringBuilder kinds = new StringBuilder();
        for (ErrorKind k : ErrorKind.values()) {
            kinds.append(kinds.length() == 0 ? "" : ", ").append(k.label()).append(' ').append(String.format("%,d", errors(k)));
        }
        out.println("  by kind:   " + kinds);
        if (!counts.wrongCodes().isEmpty()) {
            out.println("  codes:     " + counts.wrongCodes());
        }
        for (ErrorKind k : ErrorKind.values()) {
            if (errors(k) > 0 && samples[k.ordinal()] != null) {
                out.println("  e.g. " + k.label() + ": " + samples[k.ordinal()]);
            }
        }
        if (counts.late() > 0) {
            out.printf("  late:      %,d replies after their timeout (counted as timeouts)%n", counts.late());
        }
        out.printf("throughput:  %s req/s%s%n", number(throughput()),
                s.openLoop() ? " (offered " + number(s.rate()) + ")" : "");
        out.println("latency us:  " + percentiles(latency) + String.format("  (%,d replies)", latency.getTotalCount()));
        if (s.writes()) {
            out.printf("creates:     %,d ok, %s creates/s (durable: answered after the store committed them)%n",
                    counts.created(), number(createThroughput()));
            out.println("  latency us: " + percentiles(createLatency) + String.format("  (%,d creates)", createLatency.getTotalCount()));
        }
        if (s.openLoop()) {
            out.println("send lag us: p50 " + micros(sendLag.getValueAtPercentile(50)) + "  p99 "
                    + micros(sendLag.getValueAtPercentile(99)) + "  max " + micros(sendLag.getMaxValue())
                    + "  (how late requests left against the schedule; included in latency)");
        }
        out.println(passed(maxErrorRatio) ? "PASSED" : "FAILED: " + (ok() + errors() == 0 ? "nothing was answered"
                : "error ratio " + String.format("%.5f", errorRatio()) + " above " + maxErrorRatio));
        out.flush();
    }

    Map<String, Object> json(double maxErrorRatio) {
        Settings s = settings;
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("transport", s.transport().label());
        m.put("target", s.target());
        m.put("io", io);
        m.put("mode", s.openLoop() ? "open" : "closed");
        m.put("rate", s.openLoop() ? s.rate() : null);
        m.put("concurrency", s.openLoop() ? null : s.concurrency());
        m.put("connections", s.lanes());
        m.put("inFlight", s.window());
        m.put("threads", s.effectiveThreads());
        m.put("durationSeconds", seconds);
        m.put("warmupSeconds", s.warmup().toMillis() / 1000.0);
        m.put("timeoutMillis", s.timeout().toMillis());
        Map<String, Object> w = new LinkedHashMap<>();
        w.put("describe", s.workload().describe());
        w.put("keys", s.workload().keys() == null ? null : s.workload().keys().describe());
        w.put("keyCount", s.workload().keys() == null ? 0 : s.workload().keys().size());
        w.put("writeRatio", s.workload().writeRatio());
        w.put("zipf", s.workload().zipfExponent() > 0 ? s.workload().zipfExponent() : null);
        w.put("missRatio", s.workload().missRatio());
        w.put("expectValues", s.expectValues() >= 0 ? s.expectValues() : null);
        m.put("workload", w);
        m.put("requests", requests());
        m.put("ok", ok());
        m.put("failed", counts.failed());
        m.put("errors", errors());
        Map<String, Object> kinds = new LinkedHashMap<>();
        Map<String, Object> examples = new LinkedHashMap<>();
        for (ErrorKind k : ErrorKind.values()) {
            kinds.put(k.key(), errors(k));
            if (errors(k) > 0 && samples[k.ordinal()] != null) {
                examples.put(k.key(), samples[k.ordinal()]);
            }
        }
        m.put("errorsByKind", kinds);
        m.put("wrongResponseCodes", counts.wrongCodes());
        m.put("errorExamples", examples);
        m.put("lateReplies", counts.late());
        m.put("errorRatio", errorRatio());
        m.put("maxErrorRatio", maxErrorRatio);
        m.put("throughput", throughput());
        m.put("latencyMicros", latencyJson(latency));
        if (s.writes()) {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("ok", counts.created());
            c.put("throughput", createThroughput());
            c.put("latencyMicros", latencyJson(createLatency));
            m.put("creates", c);
        }
        if (s.openLoop()) {
            Map<String, Object> l = new LinkedHashMap<>();
            l.put("p50", sendLag.getValueAtPercentile(50) / 1000.0);
            l.put("p99", sendLag.getValueAtPercentile(99) / 1000.0);
            l.put("max", sendLag.getMaxValue() / 1000.0);
            m.put("sendLagMicros", l);
        }
        m.put("passed", passed(maxErrorRatio));
        return m;
    }

    void writeJson(Path file, double maxErrorRatio) throws IOException {
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), json(maxErrorRatio));
    }

    double createThroughput() {
        return seconds > 0 ? counts.created() / seconds : 0;
    }

    private static String percentiles(Histogram h) {
        StringBuilder p = new StringBuilder();
        for (double q : PERCENTILES) {
            p.append("p").append(trim(q)).append(' ').append(micros(h.getValueAtPercentile(q))).append("  ");
        }
        return p + "max " + micros(h.getMaxValue());
    }

    private static Map<String, Object> latencyJson(Histogram h) {
        Map<String, Object> lat = new LinkedHashMap<>();
        for (double q : PERCENTILES) {
            lat.put("p" + trim(q).replace('.', '_'), h.getValueAtPercentile(q) / 1000.0);
        }
        lat.put("max", h.getMaxValue() / 1000.0);
        lat.put("mean", h.getTotalCount() == 0 ? 0 : h.getMean() / 1000.0);
        lat.put("count", h.getTotalCount());
        return lat;
    }

    static String micros(long nanos) {
        return String.format(Locale.ROOT, "%,.1f", nanos / 1000.0);
    }

    static String number(double d) {
        return String.format(Locale.ROOT, "%,.0f", d);
    }

    private static String trim(double q) {
        return q == Math.rint(q) ? Long.toString((long) q) : Double.toString(q);
    }
}
