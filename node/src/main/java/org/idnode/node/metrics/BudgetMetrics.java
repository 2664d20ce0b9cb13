package org.idnode.node.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.netty.util.internal.PlatformDependent;
import org.idnode.node.transport.ByteBudget;
import org.idnode.node.transport.Listeners;

/**
 * What the budgets against hostile traffic hold, read when scraped: {@code idnode_budget_used_bytes}
 * and {@code idnode_budget_limit_bytes} by budget, open connections by listener, and Netty's direct
 * memory cap (the refusals themselves are in {@link RejectionMetrics}).
 */
final class BudgetMetrics implements MeterBinder {
    private final Listeners listeners;

    BudgetMetrics(Listeners listeners) {
        this.listeners = listeners;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (ByteBudget b : new ByteBudget[] {listeners.inputBudget(), listeners.udpBudget()}) {
            Gauge.builder("idnode.budget.used.bytes", b, ByteBudget::used)
                    .description("Octets held for peers against a budget").tags("budget", b.name()).register(registry);
            Gauge.builder("idnode.budget.limit.bytes", b, ByteBudget::limit)
                    .description("The budget's limit").tags("budget", b.name()).register(registry);
        }
        Gauge.builder("idnode.connections.open", listeners.tcpConnections(), c -> c.open())
                .description("Open connections").tags("listener", "tcp").register(registry);
        Gauge.builder("idnode.connections.open", listeners.httpConnections(), c -> c.open())
                .description("Open connections").tags("listener", "http").register(registry);
        Gauge.builder("idnode.direct.memory.limit.bytes", PlatformDependent::maxDirectMemory)
                .description("Netty's direct memory cap (maxDirectMemoryBytes)").register(registry);
    }
}
