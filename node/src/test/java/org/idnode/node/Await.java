package org.idnode.node;

import java.time.Duration;

/** Waiting in tests for a condition, with a deadline: never a bare sleep standing in for the condition. */
public final class Await {
    /** A condition that may need I/O to evaluate (an HTTP poll). */
    @FunctionalInterface
    public interface Condition {
        boolean holds() throws Exception;
    }

    private Await() {
    }

    /** Polls {@code condition} every 20 ms until it holds; fails naming {@code what} after {@code timeout}. */
    public static void until(Duration timeout, String what, Condition condition) throws Exception {
        long end = System.nanoTime() + timeout.toNanos();
        while (!condition.holds()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("not within " + timeout + ": " + what);
            }
            Thread.sleep(20);
        }
    }
}
