package org.idnode.bench.load;

import io.netty.util.collection.IntObjectHashMap;
import io.netty.util.collection.IntObjectMap;
import java.util.ArrayList;
import java.util.List;

/**
 * The requests outstanding on one connection or socket, by request id; touched only by its event
 * loop. Ids of requests that timed out lately are remembered (a bounded ring), so that a reply that
 * comes after its timeout is not counted a second time as a wrong request id.
 */
final class PendingTable {
    private static final int RECENT_TIMEOUTS = 1 << 14;

    private final IntObjectHashMap<Pending> live = new IntObjectHashMap<>();
    private final IntObjectHashMap<Boolean> timedOut = new IntObjectHashMap<>();
    private final int[] ring = new int[RECENT_TIMEOUTS];
    private int ringNext;
    private int ringSize;

    void put(Pending p) {
        live.put(p.requestId, p);
    }

    Pending get(int id) {
        return live.get(id);
    }

    Pending remove(int id) {
        return live.remove(id);
    }

    int size() {
        return live.size();
    }

    /** True (once) if {@code id} is a request that timed out lately: its reply is late, not wrong. */
    boolean wasTimedOut(int id) {
        return timedOut.remove(id) != null;
    }

    /** Removes and returns the requests whose deadline is past. */
    List<Pending> expire(long now) {
        List<Pending> out = null;
        for (IntObjectMap.PrimitiveEntry<Pending> e : live.entries()) {
            if (e.value().deadline - now <= 0) {
                if (out == null) {
                    out = new ArrayList<>();
                }
                out.add(e.value());
            }
        }
        if (out == null) {
            return List.of();
        }
        for (Pending p : out) {
            live.remove(p.requestId);
            remember(p.requestId);
        }
        return out;
    }

    /** Removes and returns everything outstanding (the connection is gone). */
    List<Pending> drain() {
        List<Pending> out = new ArrayList<>(live.values());
        live.clear();
        return out;
    }

    private void remember(int id) {
        if (ringSize == ring.length) {
            timedOut.remove(ring[ringNext]);
        } else {
            ringSize++;
        }
        ring[ringNext] = id;
        ringNext = (ringNext + 1) % ring.length;
        timedOut.put(id, Boolean.TRUE);
    }
}
