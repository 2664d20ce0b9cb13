package org.idnode.node.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.idnode.node.mirror.MirrorConsumer;

/**
 * A mirror, read when scraped: how far behind the primary it is (records on the topic not applied
 * yet, and in time), changes applied, repeats passed over (a publisher's resend after a crash),
 * records refused by the decoder, and read errors.
 */
public final class MirrorMetrics implements MeterBinder {
    private final MirrorConsumer mirror;

    public MirrorMetrics(MirrorConsumer mirror) {
        this.mirror = mirror;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("idnode.mirror.lag.records", mirror, MirrorConsumer::lagRecords)
                .description("Records on the topic not yet applied (-1 while Kafka has not answered)").register(registry);
        Gauge.builder("idnode.mirror.lag.seconds", mirror, m -> m.lagMillis() / 1000.0)
                .description("Age of the newest change applied while records wait; 0 when none wait").register(registry);
        FunctionCounter.builder("idnode.mirror.applied", mirror, MirrorConsumer::applied)
                .description("Changes applied from the topic").register(registry);
        FunctionCounter.builder("idnode.mirror.repeats", mirror, MirrorConsumer::repeats)
                .description("Changes passed over because they were applied before (publisher resends)").register(registry);
        FunctionCounter.builder("idnode.mirror.bad.records", mirror, MirrorConsumer::badRecords)
                .description("Topic records the decoder refused (skipped or dead-lettered)").register(registry);
        FunctionCounter.builder("idnode.mirror.errors", mirror, MirrorConsumer::errors)
                .description("Failed reads or writes (each followed by reading again from the stored position)").register(registry);
    }
}
