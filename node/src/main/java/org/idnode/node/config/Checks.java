package org.idnode.node.config;

import java.time.Duration;

/** The range checks config records share; each failure names its key. */
final class Checks {
    private Checks() {
    }

    static void range(String key, long v, long min, long max) {
        if (v < min || v > max) {
            throw new ConfigException(key, v, min + ".." + max);
        }
    }

    static void positive(String key, Duration d) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new ConfigException(key, d, "a positive duration such as 30s or 5m");
        }
    }
}
