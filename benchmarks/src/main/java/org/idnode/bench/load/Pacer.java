package org.idnode.bench.load;

import io.netty.channel.EventLoop;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The open loop's clock for the lanes of one event loop: one timer per loop rather than one per
 * lane, firing when the earliest lane has a request due. Lanes that are blocked (window full, not
 * connected) don't arm it; they pump themselves when they unblock.
 */
final class Pacer {
    /** Timers closer together than this cost more than the precision is worth: requests go in small bursts. */
    private static final long MIN_TICK_NANOS = TimeUnit.MICROSECONDS.toNanos(10);

    private final EventLoop loop;
    private final LoadRun run;
    private final List<Lane> lanes = new ArrayList<>();
    private long armedAt = Long.MAX_VALUE;
    private boolean firing;
    private long earliest = Long.MAX_VALUE;

    Pacer(EventLoop loop, LoadRun run) {
        this.loop = loop;
        this.run = run;
    }

    void add(Lane lane) {
        lanes.add(lane);
    }

    /** Makes sure the timer fires by {@code due}. */
    void arm(long due) {
        if (firing) {
            earliest = Math.min(earliest, due);
            return;
        }
        if (due - armedAt >= 0 || run.stopped()) {
            return;
        }
        armedAt = due;
        long at = due;
        long delay = Math.max(MIN_TICK_NANOS, due - System.nanoTime());
        loop.schedule(() -> fire(at), delay, TimeUnit.NANOSECONDS);
    }

    private void fire(long at) {
        if (at != armedAt) {
            return; // superseded by an earlier timer, which has rearmed since
        }
        armedAt = Long.MAX_VALUE;
        earliest = Long.MAX_VALUE;
        firing = true;
        try {
            long now = System.nanoTime();
            for (Lane lane : lanes) {
                lane.pump(now);
            }
        } finally {
            firing = false;
        }
        if (earliest != Long.MAX_VALUE) {
            arm(earliest);
        }
    }
}
