package org.idnode.node.transport;

import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Whether every event loop still runs its tasks: each one stamps the time every 250 ms; a loop whose
 * stamp is older than {@link #STALLED_NANOS} is stalled (blocked in a call, or starved), and the
 * node is not ready while one is. The stamp costs one task per loop per 250 ms.
 */
final class EventLoopWatch implements AutoCloseable {
    static final long STALLED_NANOS = TimeUnit.SECONDS.toNanos(2);

    private final AtomicLongArray beats;
    private final List<ScheduledFuture<?>> tasks = new ArrayList<>();

    EventLoopWatch(EventLoopGroup group) {
        List<EventExecutor> loops = new ArrayList<>();
        group.forEach(loops::add);
        beats = new AtomicLongArray(loops.size());
        for (int i = 0; i < loops.size(); i++) {
            int slot = i;
            beats.set(slot, System.nanoTime());
            tasks.add(loops.get(i).scheduleAtFixedRate(() -> beats.set(slot, System.nanoTime()), 250, 250,
                    TimeUnit.MILLISECONDS));
        }
    }

    boolean allRunning() {
        long now = System.nanoTime();
        for (int i = 0; i < beats.length(); i++) {
            if (now - beats.get(i) > STALLED_NANOS) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void close() {
        tasks.forEach(t -> t.cancel(false));
    }
}
