package org.idnode.node.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.idnode.node.upstream.UpstreamForwarder;

/** Upstream sync, read when scraped: changes reported, failed reports (each retried), and how far behind. */
public final class UpstreamMetrics implements MeterBinder {
    private final UpstreamForwarder upstream;

    public UpstreamMetrics(UpstreamForwarder upstream) {
        this.upstream = upstream;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        FunctionCounter.builder("idnode.upstream.reported", upstream, UpstreamForwarder::reported)
                .description("Changes the upstream acknowledged").register(registry);
        FunctionCounter.builder("idnode.upstream.failures", upstream, UpstreamForwarder::failures)
                .description("Reports the upstream did not acknowledge (each retried)").register(registry);
        FunctionCounter.builder("idnode.upstream.bad.records", upstream, UpstreamForwarder::badRecords)
                .description("Topic records the decoder refused (not reported)").register(registry);
        Gauge.builder("idnode.upstream.lag.records", upstream, UpstreamForwarder::lagRecords)
                .description("Records on the topic not yet reported (-1 while Kafka has not answered)").register(registry);
    }
}
