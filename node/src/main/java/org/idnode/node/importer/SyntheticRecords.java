package org.idnode.node.importer;

import java.util.List;
import org.idnode.protocol.model.HandleValue;

/**
 * The synthetic identifiers of {@code idnode gen}, shared with the load tool and the tests, which must
 * name the same handles and expect the same values without reading the generated file.
 *
 * <p>Record {@code n} of prefix {@code P} is the handle {@code P/ID-%09d} (e.g. {@code 88.118.8/ID-000000001})
 * with two values: index 1 {@code URL} and index 2 {@code DESC}, default TTL and permissions. Their text
 * depends only on (prefix, n, seed), through a 64-bit mix of seed and n, so any record can be
 * recomputed on its own and a file is the same for the same seed.
 */
public final class SyntheticRecords {
    /** Keeps the handles fixed-width, so they sort in number order. */
    public static final long MAX_NUMBER = 999_999_999L;
    public static final String SUFFIX_PREFIX = "ID-";

    private SyntheticRecords() {
    }

    public static String handle(String prefix, long n) {
        return prefix + "/" + suffix(n);
    }

    public static String suffix(long n) {
        if (n < 0 || n > MAX_NUMBER) {
            throw new IllegalArgumentException("record number: " + n + " (expected: 0.." + MAX_NUMBER + ")");
        }
        String digits = Long.toString(n);
        return SUFFIX_PREFIX + "000000000".substring(digits.length()) + digits;
    }

    public static String url(String prefix, long n, long seed) {
        long r = mix(seed, n);
        return "https://plant" + (r & 63) + ".example.com/parts/" + prefix + "/" + suffix(n);
    }

    public static String description(long n, long seed) {
        long r = mix(seed, n);
        long batch = 2020 + ((r >>> 6) % 6);
        long line = (r >>> 12) % 40 + 1;
        String lot = Long.toHexString(0x1_0000_0000L | (r >>> 24 & 0xFFFF_FFFFL)).substring(1);
        return "Synthetic part " + n + ", batch " + batch + ", line " + line + ", lot " + lot;
    }

    /** The values record {@code n} resolves to, timestamps aside (those are set at import). */
    public static List<HandleValue> values(String prefix, long n, long seed) {
        return List.of(HandleValue.text(1, "URL", url(prefix, n, seed)),
                HandleValue.text(2, "DESC", description(n, seed)));
    }

    /** SplitMix64's finaliser over seed and n: cheap, and neighbouring n give unrelated values. */
    static long mix(long seed, long n) {
        long z = seed * 0x9E3779B97F4A7C15L + n * 0xBF58476D1CE4E5B9L + 0x94D049BB133111EBL;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
