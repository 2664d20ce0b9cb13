package org.idnode.node.importer;

/**
 * One bad input line: the message says what is wrong with it, in the form
 * {@code field: value (expected: ...)}. The file name and line number are added where it is reported.
 * No stack trace: a bad file can have millions of these.
 */
public final class LineError extends Exception {
    private static final long serialVersionUID = 1L;

    public LineError(String message) {
        super(message, null, false, false);
    }

    static LineError invalid(String field, String shown, String expected) {
        return new LineError(field + ": " + shown + " (expected: " + expected + ")");
    }
}
