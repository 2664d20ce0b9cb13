package org.idnode.bench.load;

import java.util.random.RandomGenerator;

/**
 * Which handle each request asks for: uniform over the key space or Zipfian, and with probability
 * missRatio one that does not exist; or, with probability writeRatio, a handle to create, new on
 * each request ({@link CreateNames}). Immutable apart from the create counter, so all event loops
 * share one; each passes its own random generator.
 */
final class Workload {
    /** Key ids stay below 2^31, so id arithmetic never overflows a long. */
    static final long MAX_KEYS = Integer.MAX_VALUE;

    private final KeySpace keys;
    private final Zipf zipf;
    private final double zipfExponent;
    private final double missRatio;
    private final long step;
    private final double writeRatio;
    private final CreateNames creates;

    /** @param zipfExponent 0 for uniform key choice */
    Workload(KeySpace keys, double zipfExponent, double missRatio) {
        this(keys, zipfExponent, missRatio, 0, null);
    }

    /**
     * @param keys       what reads ask for; null when every request is a create ({@code writeRatio} 1)
     * @param writeRatio share of requests that create a handle named by {@code creates}
     */
    Workload(KeySpace keys, double zipfExponent, double missRatio, double writeRatio, CreateNames creates) {
        if (!(missRatio >= 0 && missRatio <= 1)) {
            throw new IllegalArgumentException("--miss-ratio: " + missRatio + " (expected: 0..1)");
        }
        if (!(writeRatio >= 0 && writeRatio <= 1) || (writeRatio > 0) != (creates != null)) {
            throw new IllegalArgumentException("--write-ratio: " + writeRatio + " (expected: 0..1, > 0 with names to create)");
        }
        if (keys == null ? writeRatio < 1 : keys.size() < 1 || keys.size() > MAX_KEYS) {
            throw new IllegalArgumentException("key count: " + (keys == null ? 0 : keys.size()) + " (expected: 1.." + MAX_KEYS + ")");
        }
        this.keys = keys;
        this.zipfExponent = zipfExponent;
        this.zipf = zipfExponent > 0 && keys != null ? new Zipf(keys.size(), zipfExponent) : null;
        this.missRatio = missRatio;
        this.step = keys == null ? 1 : coprimeStep(keys.size());
        this.writeRatio = writeRatio;
        this.creates = creates;
    }

    /** One request's target: a handle to read (maybe one that is absent), or to create. */
    record Target(String handle, boolean miss, boolean create) {
        Target(String handle, boolean miss) {
            this(handle, miss, false);
        }
    }

    Target next(RandomGenerator random) {
        if (writeRatio > 0 && (writeRatio >= 1 || random.nextDouble() < writeRatio)) {
            return new Target(creates.next(), false, true);
        }
        long n = keys.size();
        if (missRatio > 0 && random.nextDouble() < missRatio) {
            return new Target(keys.missing(random.nextLong(n)), true);
        }
        long id = zipf == null ? random.nextLong(n) : scatter(zipf.sample(random) - 1);
        return new Target(keys.handle(id), false);
    }

    /**
     * Rank r (0 = hottest) to key id. Without this the hot keys would be ids 0, 1, 2..., neighbours
     * in RocksDB's key order and so in the same blocks, which flatters the cache. Multiplying by a
     * step coprime to n permutes 0..n-1, spreading them over the key space.
     */
    long scatter(long rank) {
        // rank and step are below n <= MAX_KEYS, so the product fits in a long.
        return rank * step % keys.size();
    }

    /** A step near n times the golden ratio, adjusted to be coprime to n (so it is a permutation). */
    static long coprimeStep(long n) {
        if (n <= 2) {
            return 1;
        }
        long s = Math.max(1, (long) (n * 0.6180339887498949));
        // Bounded: among any n consecutive numbers at least one is coprime to n (1 mod n is).
        for (long i = 0; i < n; i++, s++) {
            if (gcd(s % n, n) == 1) {
                return s % n;
            }
        }
        return 1;
    }

    private static long gcd(long a, long b) {
        while (b != 0) {
            long t = a % b;
            a = b;
            b = t;
        }
        return a;
    }

    KeySpace keys() {
        return keys;
    }

    double zipfExponent() {
        return zipfExponent;
    }

    double missRatio() {
        return missRatio;
    }

    double writeRatio() {
        return writeRatio;
    }

    /** What the report says of the workload. */
    String describe() {
        if (writeRatio >= 1) {
            return "creates of " + creates.describe();
        }
        String reads = keys.describe() + ", " + (zipfExponent > 0 ? "zipf " + zipfExponent : "uniform") + ", miss ratio " + missRatio;
        return writeRatio > 0 ? reads + ", write ratio " + writeRatio + " (creates of " + creates.describe() + ")" : reads;
    }
}
