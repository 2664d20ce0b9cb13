package org.idnode.node.importer;

import java.io.PrintWriter;

/**
 * Bad lines as {@code FILE:LINE: message} on the operator's terminal: the first {@code maxShown} of
 * them, then only a count, so a wholly broken file does not flood it. Parser, collector and SST
 * threads all report here.
 */
final class ErrorReport {
    private final PrintWriter out;
    private final int maxShown;
    private long count;
    private long shown;

    ErrorReport(PrintWriter out, int maxShown) {
        this.out = out;
        this.maxShown = maxShown;
    }

    synchronized void report(String file, BadLine b) {
        count++;
        if (shown < maxShown) {
            shown++;
            out.println(file + ":" + b.line() + ": " + b.message());
            out.flush();
        }
    }

    synchronized long count() {
        return count;
    }

    synchronized long notShown() {
        return count - shown;
    }
}
