package org.idnode.node.metrics;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;

/**
 * What {@code GET /ready} reports: named checks, all of which must pass. The node adds "storage"
 * and "listeners"; the stream adds its own when it comes (e.g. "stream": connected, or the outbox
 * below its limit). Checks run on every request to /ready, so they must be cheap.
 */
public final class Readiness {
    private final List<Check> checks = new CopyOnWriteArrayList<>();

    /** One evaluation: whether every check passed, and the JSON body reporting each. */
    public record Report(boolean ready, String json) {
    }

    private record Check(String name, BooleanSupplier test) {
    }

    public Readiness add(String name, BooleanSupplier test) {
        checks.add(new Check(name, test));
        return this;
    }

    /** Runs every check once: {@code {"ready":false,"checks":{"storage":true,"listeners":false}}}. */
    public Report check() {
        StringBuilder json = new StringBuilder("{\"checks\":{");
        boolean ready = true;
        String sep = "";
        for (Check c : checks) {
            boolean ok = pass(c.test());
            ready &= ok;
            json.append(sep).append('"').append(c.name()).append("\":").append(ok);
            sep = ",";
        }
        json.append("}}");
        return new Report(ready, "{\"ready\":" + ready + "," + json.substring(1) + "\n");
    }

    /** A check that throws has failed: readiness never breaks the admin port. */
    private static boolean pass(BooleanSupplier test) {
        try {
            return test.getAsBoolean();
        } catch (RuntimeException e) {
            return false;
        }
    }
}
