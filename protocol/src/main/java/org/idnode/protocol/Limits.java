package org.idnode.protocol;

/** Bounds every decoder enforces before it allocates (handle-protocol.md §1, §3, §8.2). */
public final class Limits {
    /** §3: messageLength must be 0..262,144 (CNRI MAX_MESSAGE_LENGTH). */
    public static final int MAX_MESSAGE_LENGTH = 262_144;
    /** §1: no array or string longer than this (CNRI MAX_ARRAY_SIZE); also capped by the message. */
    public static final int MAX_ARRAY_SIZE = 1_048_576;
    /** §8.2: the CNRI decoder caps handles at 2048 octets. */
    public static final int MAX_HANDLE_LENGTH = 2048;
    /** §8.2: and responses at 2048 values. */
    public static final int MAX_VALUES = 2048;
    /** UDP: 512-octet datagrams, so 492 octets of message after the 20-octet envelope (§2). */
    public static final int UDP_DATAGRAM_SIZE = 512;
    public static final int UDP_SLICE_SIZE = 492;
    public static final int ENVELOPE_SIZE = 20;
    public static final int HEADER_SIZE = 24;

    private Limits() {
    }
}
