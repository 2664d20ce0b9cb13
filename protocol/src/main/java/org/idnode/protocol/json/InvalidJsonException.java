package org.idnode.protocol.json;

import org.idnode.protocol.ResponseCodes;

/**
 * Bad JSON from a client or an import file. The message names the field first, in the form
 * {@code values[2].data.format: "foo" (expected: string, base64, ...)}, so a REST answer or an import
 * error line can show it as it is.
 *
 * <p>{@link #responseCode()} is what a REST answer should carry (§7, §18): RC_PROTOCOL_ERROR for
 * text that is not JSON at all, RC_INVALID_HANDLE for a bad handle string, RC_INVALID_VALUE for
 * everything else. All three map to HTTP 400.
 *
 * <p>Like {@code ProtocolException}, no stack trace is captured: garbage input is ordinary traffic
 * for a public REST endpoint and must not cost a stack walk per request.
 */
public final class InvalidJsonException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    private final int responseCode;
    private final String path;

    public InvalidJsonException(int responseCode, String path, String detail) {
        super((path.isEmpty() ? "json" : path) + ": " + detail);
        this.responseCode = responseCode;
        this.path = path;
    }

    /** A field holds something it must not: {@code path: shown (expected: expected)}. */
    static InvalidJsonException invalid(String path, String shown, String expected) {
        return new InvalidJsonException(ResponseCodes.INVALID_VALUE, path, shown + " (expected: " + expected + ")");
    }

    /** The Handle response code for this error: 4, 102 or 202. */
    public int responseCode() {
        return responseCode;
    }

    /** Where in the document the error is, e.g. {@code values[2].data.format}; empty for the whole document. */
    public String path() {
        return path;
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }
}
