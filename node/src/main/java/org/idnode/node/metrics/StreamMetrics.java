package org.idnode.node.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.idnode.node.stream.OutboxPublisher;

/**
 * The registration stream, read when scraped: events waiting in the outbox, the age of the oldest
 * one (how far Kafka is behind, in time), events acknowledged by Kafka, and send errors.
 */
public final class StreamMetrics implements MeterBinder {
    private final OutboxPublisher publisher;

    public StreamMetrics(OutboxPublisher publisher) {
        this.publisher = publisher;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("idnode.outbox.depth", publisher, OutboxPublisher::depth)
                .description("Registrations in the outbox not yet acknowledged by Kafka").register(registry);
        Gauge.builder("idnode.outbox.oldest.unsent.seconds", publisher, p -> p.oldestUnsentMillis() / 1000.0)
                .description("Age of the oldest registration not yet acknowledged by Kafka").register(registry);
        FunctionCounter.builder("idnode.stream.sent", publisher, OutboxPublisher::sent)
                .description("Registrations acknowledged by Kafka (repeats after a failure included)").register(registry);
        FunctionCounter.builder("idnode.stream.send.errors", publisher, OutboxPublisher::errors)
                .description("Failed sends to Kafka (each followed by a retry)").register(registry);
    }
}
