package org.idnode.node.transport;

import java.util.concurrent.atomic.LongAdder;

/** Counts of input dropped without an answer; exposed as metrics by the operators' issue. */
public final class TransportCounters {
    private final LongAdder dropped = new LongAdder();

    void dropped() {
        dropped.increment();
    }

    public long droppedDatagrams() {
        return dropped.sum();
    }
}
