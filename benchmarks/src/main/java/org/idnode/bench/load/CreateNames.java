package org.idnode.bench.load;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Handles a run creates: {@code prefix/LOAD-<run>-<n>}, the run id random so that runs against the
 * same node never collide (a create of an existing handle would be RC 101), n counting up from 1.
 */
final class CreateNames {
    private final String prefix;
    private final String run;
    private final AtomicLong next = new AtomicLong();

    CreateNames(String prefix, String run) {
        this.prefix = prefix;
        this.run = run;
    }

    /** A fresh run id: 8 base-36 characters. */
    static CreateNames fresh(String prefix) {
        String id = Long.toString(ThreadLocalRandom.current().nextLong(36L * 36 * 36 * 36 * 36 * 36 * 36, 36L * 36 * 36 * 36 * 36 * 36 * 36 * 36), 36);
        return new CreateNames(prefix, id.toUpperCase(java.util.Locale.ROOT));
    }

    String next() {
        return prefix + "/LOAD-" + run + "-" + next.incrementAndGet();
    }

    String describe() {
        return prefix + "/LOAD-" + run + "-N";
    }
}
