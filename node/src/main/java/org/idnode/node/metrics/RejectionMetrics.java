package org.idnode.node.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.idnode.node.transport.TransportCounters;
import org.idnode.node.transport.TransportCounters.Rejection;

/** {@code idnode_input_rejected_total{transport,reason}}: the transports' own counters, read when scraped. */
final class RejectionMetrics implements MeterBinder {
    private final TransportCounters counters;

    RejectionMetrics(TransportCounters counters) {
        this.counters = counters;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (Rejection r : Rejection.values()) {
            FunctionCounter.builder("idnode.input.rejected", counters, c -> c.count(r))
                    .description("Input refused or dropped before it became a request")
                    .tags("transport", r.transport(), "reason", r.reason())
                    .register(registry);
        }
    }
}
