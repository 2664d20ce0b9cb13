package org.idnode.node.auth;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.idnode.protocol.ProtocolException;
import org.idnode.protocol.ResponseCodes;

/**
 * Sessions of the REST {@code Handle} authorization scheme (handle-protocol.md §18), apart from the
 * binary protocol's (§15): they share neither ids nor keys. A session starts as a challenge (a
 * nonce, answerable for the challenge lifetime), becomes authenticated when answered, and then lives
 * while used, ending {@code idleTimeout} after its last use. Bounded in number: expired sessions are
 * swept when the table is full, and a table still full refuses new ones (RC 3).
 */
public final class RestSessions {
    /** A session: its id, the nonce it was challenged with, and the identity once answered (else null). */
    public record Entry(String id, byte[] nonce, Identity identity, long expiresAtNanos) {
        public Entry {
            nonce = nonce.clone();
        }

        @Override
        public byte[] nonce() {
            return nonce.clone();
        }
    }

    private final Map<String, Entry> open = new ConcurrentHashMap<>();
    private final int max;
    private final long challengeNanos;
    private final long idleNanos;
    private final LongSupplier nanoClock;
    private final SecureRandom random;

    public RestSessions(int max, Duration challengeLifetime, Duration idleTimeout, LongSupplier nanoClock, SecureRandom random) {
        this.max = max;
        this.challengeNanos = challengeLifetime.toNanos();
        this.idleNanos = idleTimeout.toNanos();
        this.nanoClock = nanoClock;
        this.random = random;
    }

    /** A new challenge: a fresh id and a 16-octet nonce (§18, as §14's). RC 3 when the table is full. */
    public Entry challenge() {
        if (open.size() >= max) {
            sweep();
            if (open.size() >= max) {
                throw new ProtocolException(ResponseCodes.SERVER_TOO_BUSY, "REST sessions: " + max + " open (the bound)");
            }
        }
        byte[] nonce = new byte[Challenges.NONCE_LENGTH];
        random.nextBytes(nonce);
        byte[] id = new byte[16];
        random.nextBytes(id);
        Entry e = new Entry(Base64.getUrlEncoder().withoutPadding().encodeToString(id), nonce, null,
                nanoClock.getAsLong() + challengeNanos);
        open.put(e.id(), e);
        return e;
    }

    /** The live session {@code id}, its idle time restarted if authenticated; null when unknown or expired. */
    public Entry find(String id) {
        Entry e = open.get(id);
        if (e == null) {
            return null;
        }
        long now = nanoClock.getAsLong();
        if (now - e.expiresAtNanos() >= 0) {
            open.remove(id, e);
            return null;
        }
        if (e.identity() == null) {
            return e;
        }
        Entry used = new Entry(e.id(), e.nonce(), e.identity(), now + idleNanos);
        open.replace(id, e, used);
        return used;
    }

    /** Marks challenge {@code e} answered by {@code identity}: from now on its id alone authenticates. */
    public Entry authenticate(Entry e, Identity identity) {
        Entry done = new Entry(e.id(), e.nonce(), identity, nanoClock.getAsLong() + idleNanos);
        open.put(e.id(), done);
        return done;
    }

    public void remove(String id) {
        open.remove(id);
    }

    public int size() {
        return open.size();
    }

    private void sweep() {
        long now = nanoClock.getAsLong();
        open.values().removeIf(e -> now - e.expiresAtNanos() >= 0);
    }
}
