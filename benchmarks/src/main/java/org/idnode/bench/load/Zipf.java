package org.idnode.bench.load;

import java.util.random.RandomGenerator;

/**
 * Zipf-distributed ranks 1..n with exponent s (rank k has weight k^-s), sampled in O(1) time and
 * memory by rejection-inversion (W. Hörmann, G. Derflinger, "Rejection-inversion to generate
 * variates from monotone discrete distributions", ACM TOMACS 6(3), 1996). A table of n cumulative
 * weights would cost 80 MB for ten million keys; this needs three numbers.
 *
 * <p>Idea: the continuous density h(x) = x^-s is integrated (H) and inverted, so a uniform u in
 * [H(1.5) - 1, H(n + 0.5)] maps to x = H^-1(u); rounding x gives a candidate k, accepted when u
 * lies in the part of the area that belongs to k's own weight. Acceptance is above 90 %.
 */
final class Zipf {
    private static final int MAX_TRIES = 1000;

    private final long n;
    private final double s;
    private final double areaLow;
    private final double areaHigh;
    private final double shortcut;

    Zipf(long n, double s) {
        if (n < 1 || !(s > 0)) {
            throw new IllegalArgumentException("zipf: n " + n + ", exponent " + s + " (expected: n >= 1, exponent > 0)");
        }
        this.n = n;
        this.s = s;
        this.areaLow = bigH(1.5) - 1.0;
        this.areaHigh = bigH(n + 0.5);
        // Candidates this close to x are accepted without evaluating H (the paper's constant s).
        this.shortcut = 2.0 - bigHInverse(bigH(2.5) - h(2.0));
    }

    /** A rank in 1..n; 1 is the most frequent. */
    long sample(RandomGenerator random) {
        for (int i = 0; i < MAX_TRIES; i++) {
            double u = areaHigh + random.nextDouble() * (areaLow - areaHigh);
            double x = bigHInverse(u);
            long k = Math.min(n, Math.max(1, (long) (x + 0.5)));
            if (k - x <= shortcut || u >= bigH(k + 0.5) - h(k)) {
                return k;
            }
        }
        return 1; // unreachable in practice: each try is accepted with probability > 0.9
    }

    private double h(double x) {
        return Math.exp(-s * Math.log(x));
    }

    /** H(x) = (x^(1-s) - 1) / (1-s), written so it stays exact near s = 1 (where it is log x). */
    private double bigH(double x) {
        double logX = Math.log(x);
        return expm1OverX((1.0 - s) * logX) * logX;
    }

    private double bigHInverse(double y) {
        double t = Math.max(-1.0, y * (1.0 - s));
        return Math.exp(log1pOverX(t) * y);
    }

    /** log(1+x)/x, continuous at 0. */
    private static double log1pOverX(double x) {
        return Math.abs(x) > 1e-8 ? Math.log1p(x) / x : 1.0 - x * (0.5 - x / 3.0);
    }

    /** (e^x - 1)/x, continuous at 0. */
    private static double expm1OverX(double x) {
        return Math.abs(x) > 1e-8 ? Math.expm1(x) / x : 1.0 + x * (0.5 + x / 6.0);
    }
}
