package org.idnode.node.auth;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntPredicate;
import java.util.function.LongSupplier;
import org.idnode.protocol.ProtocolException;
import org.idnode.protocol.ResponseCodes;

/**
 * The open sessions, bounded in number; each ends at its timeout, on terminate (OC 401), or when
 * the node stops. Lookups are lock-free; expired sessions are dropped when looked up and swept when
 * the table is full.
 */
public final class Sessions {
    private final Map<Integer, Session> open = new ConcurrentHashMap<>();
    private final int max;
    private final Duration maxLifetime;
    private final LongSupplier nanoClock;
    private final SecureRandom random;
    private IntPredicate alsoTaken = id -> false;

    public Sessions(int max, Duration maxLifetime, LongSupplier nanoClock, SecureRandom random) {
        this.max = max;
        this.maxLifetime = maxLifetime;
        this.nanoClock = nanoClock;
        this.random = random;
    }

    /** Ids used elsewhere in the same id space (challenge ids travel in the same envelope field). */
    void alsoTaken(IntPredicate taken) {
        this.alsoTaken = taken;
    }

    boolean contains(int id) {
        return open.containsKey(id);
    }

    /**
     * Opens a session for {@code lifetimeSeconds} (capped; <= 0 means the cap); {@code key} null for
     * one whose key comes later (mode 2). RC 3 when the table is full.
     */
    public Session open(byte[] key, Identity claimed, int lifetimeSeconds) {
        if (open.size() >= max) {
            sweep();
            if (open.size() >= max) {
                throw new ProtocolException(ResponseCodes.SERVER_TOO_BUSY, "open sessions: " + max + " (the bound)");
            }
        }
        long lifetime = lifetimeSeconds <= 0 ? maxLifetime.toNanos()
                : Math.min(maxLifetime.toNanos(), Duration.ofSeconds(lifetimeSeconds).toNanos());
        for (int attempt = 0; attempt < 64; attempt++) {
            // [CNRI] ids are positive: the official client takes a MAC'd reply only when sessionId > 0.
            int id = random.nextInt() & Integer.MAX_VALUE;
            if (id == 0 || alsoTaken.test(id)) {
                continue;
            }
            Session s = new Session(id, key, claimed, nanoClock.getAsLong() + lifetime);
            if (open.putIfAbsent(id, s) == null) {
                return s;
            }
        }
        throw new ProtocolException(ResponseCodes.SERVER_TOO_BUSY, "no free session id");
    }

    /** The session with {@code id}; RC 500 when there is none or it has expired (§15). */
    public Session get(int id) {
        Session s = open.get(id);
        if (s == null) {
            throw new ProtocolException(ResponseCodes.SESSION_TIMEOUT, "session " + id + ": unknown or expired");
        }
        if (s.expired(nanoClock.getAsLong())) {
            open.remove(id, s);
            throw new ProtocolException(ResponseCodes.SESSION_TIMEOUT, "session " + id + ": expired");
        }
        return s;
    }

    public void terminate(int id) {
        open.remove(id);
    }

    public int size() {
        return open.size();
    }

    private void sweep() {
        long now = nanoClock.getAsLong();
        open.values().removeIf(s -> s.expired(now));
    }
}
