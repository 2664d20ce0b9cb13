package org.idnode.node.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.netty4.NettyAllocatorMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.core.instrument.distribution.pause.NoPauseDetector;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.netty.buffer.ByteBufAllocator;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.netty.buffer.ByteBufAllocatorMetricProvider;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import org.idnode.node.service.RequestObserver;
import org.idnode.node.storage.RocksStats;
import org.idnode.node.transport.TransportCounters;

/**
 * The node's metrics: one Prometheus registry with the request metrics ({@link #observer()}),
 * RocksDB, rejected input, and the JVM, process and Netty allocator figures. Built only when config
 * {@code metrics} is true; with it false the node has no registry and observes nothing.
 */
public final class Metrics implements AutoCloseable {
    private final CoarseClock clock = new CoarseClock();
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT,
            new PrometheusRegistry(), clock);
    // Binders are kept: function counters hold their state object weakly.
    private final List<MeterBinder> bound = new ArrayList<>();
    private final RequestMetrics requests;

    public Metrics() {
        // No pause detection: it would add work to every timer recording.
        registry.config().pauseDetector(new NoPauseDetector());
        requests = new RequestMetrics(registry);
        bind(new JvmMemoryMetrics());
        bind(new JvmGcMetrics());
        bind(new JvmThreadMetrics());
        bind(new ClassLoaderMetrics());
        bind(new ProcessorMetrics());
        bind(new UptimeMetrics());
        bind(new FileDescriptorMetrics());
        // Netty 4.2's default allocator is the adaptive one; it reports used heap and direct memory.
        if (ByteBufAllocator.DEFAULT instanceof ByteBufAllocatorMetricProvider p) {
            bind(new NettyAllocatorMetrics(p));
        }
    }

    /** RocksDB figures; tickers only if the store was opened with statistics. */
    public Metrics bindStorage(RocksStats stats) {
        return bind(new StorageMetrics(stats));
    }

    public Metrics bindRejections(TransportCounters counters) {
        return bind(new RejectionMetrics(counters));
    }

    /** {@code idnode_server_errors_total{kind}}: failures of the node itself while answering. */
    public Metrics bindFailures(org.idnode.node.service.ServerFailures failures) {
        return bind(registry -> {
            for (org.idnode.node.service.ServerFailures.Kind k : org.idnode.node.service.ServerFailures.Kind.values()) {
                io.micrometer.core.instrument.FunctionCounter.builder("idnode.server.errors", failures, f -> f.count(k))
                        .description("Failures of the node itself while answering (answered RC 2 / HTTP 500)")
                        .tags("kind", k.label()).register(registry);
            }
        });
    }

    /** The listeners' budgets and connection counts. */
    public Metrics bindBudgets(org.idnode.node.transport.Listeners listeners) {
        return bind(new BudgetMetrics(listeners));
    }

    public Metrics bind(MeterBinder binder) {
        binder.bindTo(registry);
        bound.add(binder);
        return this;
    }

    public MeterRegistry registry() {
        return registry;
    }

    /** Sees every request: counters, timers, bytes. */
    public RequestObserver observer() {
        return requests;
    }

    /** The Prometheus text format, version 0.0.4: what every Prometheus server reads. */
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    /** Writes every metric in the format of {@link #CONTENT_TYPE}. */
    public void scrape(OutputStream out) throws IOException {
        registry.scrape(out, CONTENT_TYPE);
    }

    @Override
    public void close() {
        for (MeterBinder b : bound) {
            if (b instanceof AutoCloseable c) {
                try {
                    c.close(); // JvmGcMetrics: removes its GC notification listeners
                } catch (Exception e) {
                    // closing anyway
                }
            }
        }
        registry.close();
        clock.close();
    }
}
