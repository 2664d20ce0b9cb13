package org.idnode.node.auth;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.idnode.protocol.ProtocolException;
import org.idnode.protocol.ResponseCodes;

/**
 * Challenges awaiting an answer (handle-protocol.md §14): each has a fresh 16-octet nonce, may be
 * answered once ({@link #take} removes it, so a replayed answer finds nothing), within the
 * challenge lifetime. Bounded in number and in the octets of the requests they keep.
 *
 * @param <R> what is kept to redo the challenged request once answered
 */
public final class Challenges<R> {
    public static final int NONCE_LENGTH = 16;

    /** A challenge: its id (in the envelope's sessionId), nonce, the digest octets of the challenged request, and the request. */
    public record Pending<R>(int id, byte[] nonce, byte[] digest, R request, int requestBytes, Session session,
                             long createdNanos) {
    }

    private final Map<Integer, Pending<R>> pending = new ConcurrentHashMap<>();
    private final AtomicLong bytes = new AtomicLong();
    private final int max;
    private final long maxBytes;
    private final long lifetimeNanos;
    private final LongSupplier nanoClock;
    private final SecureRandom random;
    private final Sessions sessions;

    public Challenges(int max, long maxBytes, Duration lifetime, LongSupplier nanoClock, SecureRandom random, Sessions sessions) {
        this.max = max;
        this.maxBytes = maxBytes;
        this.lifetimeNanos = lifetime.toNanos();
        this.nanoClock = nanoClock;
        this.random = random;
        this.sessions = sessions;
        sessions.alsoTaken(pending::containsKey);
    }

    /**
     * Opens a challenge for {@code request}; in a session its id is the session's (§15: "reusing S"),
     * else a fresh id no session or challenge has. RC 3 when the table is full.
     */
    public Pending<R> open(R request, int requestBytes, byte[] digest, Session session) {
        if (pending.size() >= max || bytes.get() + requestBytes > maxBytes) {
            sweep();
            if (pending.size() >= max || bytes.get() + requestBytes > maxBytes) {
                throw new ProtocolException(ResponseCodes.SERVER_TOO_BUSY, "challenges awaiting an answer: "
                        + pending.size() + " holding " + bytes.get() + " octets (the bound)");
            }
        }
        byte[] nonce = new byte[NONCE_LENGTH];
        random.nextBytes(nonce);
        long now = nanoClock.getAsLong();
        if (session != null) {
            Pending<R> p = new Pending<>(session.id(), nonce, digest, request, requestBytes, session, now);
            Pending<R> old = pending.put(session.id(), p);
            bytes.addAndGet(requestBytes - (old == null ? 0 : old.requestBytes()));
            return p;
        }
        for (int attempt = 0; attempt < 64; attempt++) {
            // [CNRI] ids are positive: the official client takes a MAC'd reply only when sessionId > 0.
            int id = random.nextInt() & Integer.MAX_VALUE;
            if (id == 0 || sessions.contains(id)) {
                continue;
            }
            Pending<R> p = new Pending<>(id, nonce, digest, request, requestBytes, null, now);
            if (pending.putIfAbsent(id, p) == null) {
                bytes.addAndGet(requestBytes);
                return p;
            }
        }
        throw new ProtocolException(ResponseCodes.SERVER_TOO_BUSY, "no free challenge id");
    }

    /** Removes and returns challenge {@code id}; RC 405 when there is none or it expired (an answer is good once). */
    public Pending<R> take(int id) {
        Pending<R> p = pending.remove(id);
        if (p == null) {
            throw new ProtocolException(ResponseCodes.AUTHEN_TIMEOUT,
                    "challenge " + id + ": unknown, already answered, or expired");
        }
        bytes.addAndGet(-p.requestBytes());
        if (nanoClock.getAsLong() - p.createdNanos() > lifetimeNanos) {
            throw new ProtocolException(ResponseCodes.AUTHEN_TIMEOUT, "challenge " + id + ": answered too late");
        }
        return p;
    }

    public int size() {
        return pending.size();
    }

    private void sweep() {
        long now = nanoClock.getAsLong();
        pending.values().removeIf(p -> {
            boolean old = now - p.createdNanos() > lifetimeNanos;
            if (old) {
                bytes.addAndGet(-p.requestBytes());
            }
            return old;
        });
    }
}
