package org.idnode.bench.load;

import org.idnode.protocol.model.Envelope;

/**
 * One outstanding request. Latency runs from {@code startNanos}: the send time in a closed loop,
 * the scheduled send time in an open loop (so a stalled server shows as latency, not as fewer
 * samples: no coordinated omission). The deadline runs from the actual send.
 */
final class Pending {
    final int requestId;
    final long startNanos;
    final long deadline;
    final Workload.Target target;

    // A reply in several datagrams (§2), filled as slices arrive; null until the first one.
    Envelope envelope;
    byte[] message;
    boolean[] seen;
    int slicesMissing;

    // The exchange carrying a create or a read in a session or a one-shot admin lane: cancelled on timeout.
    java.util.concurrent.Future<?> work;

    Pending(int requestId, long startNanos, long deadline, Workload.Target target) {
        this.requestId = requestId;
        this.startNanos = startNanos;
        this.deadline = deadline;
        this.target = target;
    }
}
