package org.idnode.node.auth;

/**
 * An open session (handle-protocol.md §15): its id, the 32-octet key agreed at setup, the identity it
 * was set up for, and, once a challenge in it was answered, the identity it is authenticated as.
 * Every request in it carries a counter in its HS_MAC; a counter seen before is a replay (RC 505).
 */
public final class Session {
    /** How far below the highest counter seen a late request may still be accepted (requests may overtake each other on separate connections). */
    private static final int WINDOW = 64;

    private final int id;
    /** Null until agreed: mode 2 sessions get theirs from OC 402 (§8.8). Set once. */
    private volatile byte[] key;
    private final Identity claimed;
    private final long expiresAtNanos;
    private volatile Identity authenticated;
    private long highest;
    private long seen; // bit i: counter highest - i was seen

    Session(int id, byte[] key, Identity claimed, long expiresAtNanos) {
        this.id = id;
        this.key = key == null ? null : key.clone();
        this.claimed = claimed;
        this.expiresAtNanos = expiresAtNanos;
    }

    public int id() {
        return id;
    }

    /** The session key: HMAC-SHA256 key whole, AES-128 key its first 16 octets (§15). */
    public byte[] key() {
        byte[] k = key;
        if (k == null) {
            throw new org.idnode.protocol.ProtocolException(org.idnode.protocol.ResponseCodes.SESSION_FAILED,
                    "session " + id + ": no session key yet (key exchange, OC 402, pending)");
        }
        return k.clone();
    }

    public boolean hasKey() {
        return key != null;
    }

    /** The key a mode-2 client sent (OC 402); only once: a session's key never changes. */
    public synchronized void exchangeKey(byte[] k) {
        if (key != null) {
            throw new org.idnode.protocol.ProtocolException(org.idnode.protocol.ResponseCodes.INVALID_SESSIONSETUP_REQUEST,
                    "session " + id + ": the key was exchanged already");
        }
        key = k.clone();
    }

    /** The identity named at setup; null for an anonymous session. */
    public Identity claimed() {
        return claimed;
    }

    /** The identity proven in this session; null until a challenge in it was answered. */
    public Identity authenticated() {
        return authenticated;
    }

    public void authenticate(Identity identity) {
        authenticated = identity;
    }

    boolean expired(long nowNanos) {
        return nowNanos - expiresAtNanos >= 0;
    }

    /** Records {@code counter}; false if it was seen before or is too old to tell (a replay). */
    public synchronized boolean acceptCounter(int counter) {
        long c = counter & 0xFFFFFFFFL;
        if (c > highest) {
            long shift = c - highest;
            seen = shift >= WINDOW ? 1 : (seen << shift) | 1;
            highest = c;
            return true;
        }
        long back = highest - c;
        if (back >= WINDOW || (seen & (1L << back)) != 0) {
            return false;
        }
        seen |= 1L << back;
        return true;
    }
}
