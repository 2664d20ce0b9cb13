package org.idnode.protocol;

/**
 * The only exception a decoder throws: it carries the Handle response code the peer should get
 * (handle-protocol.md §7). The message reads {@code field: value (expected: ...)}.
 *
 * <p>No stack trace is captured: garbage on the wire is ordinary traffic for a public server and
 * must not cost a stack walk per datagram.
 */
public final class ProtocolException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int responseCode;

    public ProtocolException(int responseCode, String message) {
        super(message, null, false, false);
        this.responseCode = responseCode;
    }

    public int responseCode() {
        return responseCode;
    }

    /** A malformed message: RC_PROTOCOL_ERROR (4). */
    public static ProtocolException malformed(String field, long value, String expected) {
        return new ProtocolException(ResponseCodes.PROTOCOL_ERROR, field + ": " + value + " (expected: " + expected + ")");
    }

    public static ProtocolException malformed(String message) {
        return new ProtocolException(ResponseCodes.PROTOCOL_ERROR, message);
    }
}
