package org.idnode.protocol.model;

/**
 * The 20-octet message envelope (handle-protocol.md §3).
 *
 * @param flags          octet 2 as sent: 0x80 CP, 0x40 EC, 0x20 TC; low two bits = suggested major [CNRI]
 * @param suggestedMinor octet 3: the highest minor version the sender speaks [CNRI]
 * @param messageLength  octets that follow the envelope: the whole message, not one UDP slice
 */
public record Envelope(int majorVersion, int minorVersion, int flags, int suggestedMinor,
                       int sessionId, int requestId, int messageId, int messageLength) {
    public static final int COMPRESSED = 0x80;
    public static final int ENCRYPTED = 0x40;
    public static final int TRUNCATED = 0x20;

    public boolean compressed() {
        return (flags & COMPRESSED) != 0;
    }

    public boolean encrypted() {
        return (flags & ENCRYPTED) != 0;
    }

    public boolean truncated() {
        return (flags & TRUNCATED) != 0;
    }

    /** §3: a suggested major of 0 means an old peer; its suggestion is then its own envelope version. */
    public int suggestedMajor() {
        int major = flags & 0x03;
        return major == 0 ? majorVersion : major;
    }

    public int effectiveSuggestedMinor() {
        return (flags & 0x03) == 0 ? minorVersion : suggestedMinor;
    }

    public ProtocolVersion version() {
        return new ProtocolVersion(majorVersion, minorVersion);
    }

    public Envelope withMessageLength(int length) {
        return new Envelope(majorVersion, minorVersion, flags, suggestedMinor, sessionId, requestId, messageId, length);
    }

    public Envelope withMessageId(int id) {
        return new Envelope(majorVersion, minorVersion, flags, suggestedMinor, sessionId, requestId, id, messageLength);
    }

    /** The same envelope in session (or for challenge answer) {@code id} (§8.7, §15). */
    public Envelope withSessionId(int id) {
        return new Envelope(majorVersion, minorVersion, flags, suggestedMinor, id, requestId, messageId, messageLength);
    }

    public Envelope withFlags(int newFlags) {
        return new Envelope(majorVersion, minorVersion, newFlags, suggestedMinor, sessionId, requestId, messageId, messageLength);
    }

    /** An envelope for a message we send: our version, suggesting our own, no special flags. */
    public static Envelope of(ProtocolVersion version, ProtocolVersion suggested, int sessionId, int requestId) {
        return new Envelope(version.major(), version.minor(), suggested.major() & 0x03, suggested.minor(),
                sessionId, requestId, 0, 0);
    }
}
