package org.idnode.bench.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkloadTest {
    @Test
    void generatedHandlesFollowTheGenPattern() {
        KeySpace k = KeySpace.generated("88.118.8", 0, 2_000_000_000L);
        assertEquals("88.118.8/ID-000000000", k.handle(0));
        assertEquals("88.118.8/ID-000012345", k.handle(12345));
        assertEquals(String.format("88.118.8/ID-%09d", 1_999_999_999L), k.handle(1_999_999_999L));
        assertEquals("88.118.8/LOADTOOL-MISS-7", k.missing(7));
        // idnode gen starts at 1 unless told otherwise.
        assertEquals("88.118.8/ID-000000001", KeySpace.generated("88.118.8", 1, 10).handle(0));
    }

    @Test
    void listedHandlesKeepTheirPrefixForMisses(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("h.txt");
        Files.writeString(f, "20.500/abc\n\n  86.1/x/y  \nnoslash\n");
        KeySpace k = KeySpace.fromFile(f);
        assertEquals(3, k.size());
        assertEquals("86.1/x/y", k.handle(1));
        assertEquals("20.500/LOADTOOL-MISS-0", k.missing(0));
        assertEquals("86.1/LOADTOOL-MISS-1", k.missing(1));
        assertEquals("noslash.LOADTOOL-MISS-2", k.missing(2));
    }

    @Test
    void missRatioIsHonoured() {
        Workload w = new Workload(KeySpace.generated("P", 0, 1000), 0, 0.1);
        SplittableRandom r = new SplittableRandom(5);
        int misses = 0;
        for (int i = 0; i < 100_000; i++) {
            Workload.Target t = w.next(r);
            if (t.miss()) {
                misses++;
                assertTrue(t.handle().startsWith("P/LOADTOOL-MISS-"), t.handle());
            } else {
                assertTrue(t.handle().startsWith("P/ID-"), t.handle());
            }
        }
        assertEquals(0.1, misses / 100_000.0, 0.005);
    }

    @Test
    void scatterPermutesTheKeySpace() {
        for (long n : new long[] {1, 2, 10, 997, 1000, 4096}) {
            Workload w = new Workload(KeySpace.generated("P", 0, n), 1.0, 0);
            Set<Long> seen = new HashSet<>();
            for (long r = 0; r < n; r++) {
                long id = w.scatter(r);
                assertTrue(id >= 0 && id < n);
                seen.add(id);
            }
            assertEquals(n, seen.size(), "n " + n);
        }
    }

    @Test
    void hotKeysAreNotNeighbours() {
        Workload w = new Workload(KeySpace.generated("P", 0, 1_000_000), 1.0, 0);
        assertFalse(Math.abs(w.scatter(1) - w.scatter(0)) < 1000);
    }
}
