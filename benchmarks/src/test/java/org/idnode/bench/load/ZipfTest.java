package org.idnode.bench.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ZipfTest {
    private static final int SAMPLES = 200_000;

    @Test
    void ranksStayWithinOneToN() {
        SplittableRandom r = new SplittableRandom(1);
        for (double s : new double[] {0.5, 1.0, 1.3, 3.0}) {
            Zipf z = new Zipf(10, s);
            for (int i = 0; i < 20_000; i++) {
                long k = z.sample(r);
                assertTrue(k >= 1 && k <= 10, "rank " + k + " for s " + s);
            }
        }
    }

    @Test
    void frequenciesFollowThePowerLaw() {
        for (double s : new double[] {0.8, 1.0, 1.5}) {
            Zipf z = new Zipf(1000, s);
            SplittableRandom r = new SplittableRandom(42);
            long[] count = new long[1001];
            for (int i = 0; i < SAMPLES; i++) {
                count[(int) z.sample(r)]++;
            }
            // P(1)/P(2) = 2^s and P(1)/P(4) = 4^s; 200k samples keep the noise to a few per cent.
            assertEquals(Math.pow(2, s), (double) count[1] / count[2], Math.pow(2, s) * 0.08, "s " + s);
            assertEquals(Math.pow(4, s), (double) count[1] / count[4], Math.pow(4, s) * 0.12, "s " + s);
        }
    }

    @Test
    void headShareMatchesTheExactDistribution() {
        double s = 1.1;
        int n = 100;
        double norm = 0;
        for (int k = 1; k <= n; k++) {
            norm += Math.pow(k, -s);
        }
        Zipf z = new Zipf(n, s);
        SplittableRandom r = new SplittableRandom(7);
        int top = 0;
        for (int i = 0; i < SAMPLES; i++) {
            if (z.sample(r) <= 10) {
                top++;
            }
        }
        double expected = 0;
        for (int k = 1; k <= 10; k++) {
            expected += Math.pow(k, -s) / norm;
        }
        assertEquals(expected, (double) top / SAMPLES, 0.01);
    }

    @Test
    void oneKeyIsAlwaysRankOne() {
        Zipf z = new Zipf(1, 1.0);
        assertEquals(1, z.sample(new SplittableRandom(3)));
    }

    @Test
    void rejectsNonPositiveExponent() {
        assertThrows(IllegalArgumentException.class, () -> new Zipf(10, 0));
        assertThrows(IllegalArgumentException.class, () -> new Zipf(0, 1));
    }
}
