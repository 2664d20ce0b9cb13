package org.idnode.bench.load;

/**
 * What can go wrong with one request, as the report names it. Every kind but
 * {@link #WRONG_REQUEST_ID} (and a stray {@link #DECODE_ERROR}) ends a request; those two are
 * replies that match no outstanding request, counted as errors but not as requests.
 */
enum ErrorKind {
    /** No reply within --timeout. */
    TIMEOUT("timeout"),
    /** RC (or HTTP status) other than 1 for a hit / 100 for a deliberate miss. */
    WRONG_RESPONSE_CODE("wrong response code"),
    /** A reply that does not decode as a Handle message (or as the REST JSON). */
    DECODE_ERROR("decode error"),
    /** A reply whose request id matches no outstanding request (nor one that timed out lately). */
    WRONG_REQUEST_ID("wrong request id"),
    /** A hit whose value count differs from --expect-values. */
    WRONG_VALUE_COUNT("wrong value count"),
    /** A connection (or, on UDP, the port) refused or not established in time. */
    CONNECT_ERROR("connect error"),
    /** A kept-alive connection closed while requests were outstanding on it. */
    CONNECTION_CLOSED("connection closed");

    private final String label;

    ErrorKind(String label) {
        this.label = label;
    }

    String label() {
        return label;
    }

    /** The key in the JSON report: the label in snake case. */
    String key() {
        return label.replace(' ', '_');
    }
}
