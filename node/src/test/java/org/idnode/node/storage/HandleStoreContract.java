package org.idnode.node.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What every {@link HandleStore} must do; each implementation's test extends this with how to open one. */
abstract class HandleStoreContract {
    @TempDir
    Path dir;

    /** Opens (or reopens) the store kept in {@code dir}. */
    abstract HandleStore open(Path dir);

    static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static String s(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    @Test
    void keepsRecordsPrefixesAndTheSequenceAcrossAReopen() {
        try (HandleStore s = open(dir)) {
            assertEquals(1, s.apply(StoreChange.builder().put(b("88.118.8/A"), b("a")).home("88.118.8").event(b("e1")).build()));
        }
        try (HandleStore s = open(dir)) {
            assertArrayEquals(b("a"), s.get(b("88.118.8/A")));
            assertEquals(Set.of("88.118.8"), s.homedPrefixes());
            assertEquals(1, s.lastSequence());
            assertEquals(2, s.apply(StoreChange.builder().put(b("88.118.8/B"), b("b")).event(b("e2")).build()),
                    "numbering goes on after a restart");
        }
    }

    @Test
    void oneChangeAppliesPutsDeletesAndPrefixChangesTogether() {
        try (HandleStore s = open(dir)) {
            s.apply(StoreChange.builder().put(b("P/A"), b("1")).put(b("P/B"), b("2")).home("P").home("Q").build());
            s.apply(StoreChange.builder().delete(b("P/A")).put(b("P/C"), b("3")).unhome("Q").build());
            assertNull(s.get(b("P/A")));
            assertArrayEquals(b("2"), s.get(b("P/B")));
            assertArrayEquals(b("3"), s.get(b("P/C")));
            assertEquals(Set.of("P"), s.homedPrefixes());
        }
    }

    @Test
    void nodeStateIsWrittenWithTheRecordsItCameWithAndKeptApartFromThem() {
        try (HandleStore s = open(dir)) {
            assertNull(s.meta(b("mirror.position")));
            s.apply(StoreChange.builder().put(b("P/A"), b("1")).meta(b("mirror.position"), b("7")).build());
            assertArrayEquals(b("7"), s.meta(b("mirror.position")));
            assertNull(s.get(b("mirror.position")), "node state is not a record");
            assertNull(s.meta(b("P/A")), "a record is not node state");
        }
        try (HandleStore s = open(dir)) {
            assertArrayEquals(b("7"), s.meta(b("mirror.position")), "node state survives a reopen");
            assertEquals(0, s.lastSequence(), "node state takes no sequence number");
        }
    }

    @Test
    void aBufferedWriteAppliesEveryChangeAndSurvivesAReopenButTakesNoEvents() {
        try (HandleStore s = open(dir)) {
            s.applyBuffered(List.of(StoreChange.builder().put(b("P/A"), b("1")).home("P").build(),
                    StoreChange.builder().put(b("P/B"), b("2")).meta(b("mirror.x"), b("9")).build()));
            assertThrows(IllegalArgumentException.class,
                    () -> s.applyBuffered(List.of(StoreChange.builder().put(b("P/C"), b("3")).event(b("e")).build())));
            assertNull(s.get(b("P/C")), "a refused write writes nothing");
        }
        try (HandleStore s = open(dir)) {
            assertArrayEquals(b("1"), s.get(b("P/A")));
            assertArrayEquals(b("2"), s.get(b("P/B")));
            assertArrayEquals(b("9"), s.meta(b("mirror.x")));
            assertEquals(Set.of("P"), s.homedPrefixes());
            assertEquals(0, s.lastSequence());
        }
    }

    @Test
    void aChangeWithoutAnEventTakesNoSequenceNumber() {
        try (HandleStore s = open(dir)) {
            assertEquals(0, s.apply(StoreChange.put(b("P/A"), b("1"))));
            assertEquals(0, s.apply(StoreChange.builder().build()), "an empty change");
            assertEquals(0, s.lastSequence());
            assertEquals(List.of(), s.outbox(1, 10));
        }
    }

    @Test
    void outboxEventsAreNumberedFromOneInOrder() {
        try (HandleStore s = open(dir)) {
            for (int i = 1; i <= 5; i++) {
                assertEquals(i, s.apply(StoreChange.builder().put(b("P/" + i), b("r")).event(b("e" + i)).build()));
            }
            List<HandleStore.OutboxEntry> from3 = s.outbox(3, 10);
            assertEquals(List.of(3L, 4L, 5L), from3.stream().map(HandleStore.OutboxEntry::sequence).toList());
            assertEquals("e3", s(from3.get(0).event()));
            assertEquals(2, s.outbox(1, 2).size(), "bounded by the limit");
        }
    }

    @Test
    void removedOutboxEventsAreGoneAndNumberingGoesOn() {
        try (HandleStore s = open(dir)) {
            for (int i = 1; i <= 5; i++) {
                s.apply(StoreChange.builder().put(b("P/" + i), b("r")).event(b("e" + i)).build());
            }
            s.removeOutbox(3);
            assertEquals(List.of(4L, 5L), s.outbox(1, 10).stream().map(HandleStore.OutboxEntry::sequence).toList());
            assertEquals(6, s.apply(StoreChange.builder().put(b("P/6"), b("r")).event(b("e6")).build()));
        }
        try (HandleStore s = open(dir)) {
            assertEquals(List.of(4L, 5L, 6L), s.outbox(1, 10).stream().map(HandleStore.OutboxEntry::sequence).toList(),
                    "removal is durable");
        }
    }

    @Test
    void concurrentWritersGetDistinctGaplessSequenceNumbers() throws Exception {
        try (HandleStore s = open(dir)) {
            ExecutorService pool = Executors.newFixedThreadPool(4);
            List<Future<List<Long>>> results = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int writer = t;
                results.add(pool.submit(() -> {
                    List<Long> got = new ArrayList<>();
                    for (int i = 0; i < 50; i++) {
                        got.add(s.apply(StoreChange.builder().put(b("P/" + writer + "-" + i), b("r"))
                                .event(b(writer + "-" + i)).build()));
                    }
                    return got;
                }));
            }
            List<Long> all = new ArrayList<>();
            for (Future<List<Long>> f : results) {
                all.addAll(f.get(60, TimeUnit.SECONDS));
            }
            pool.shutdown();
            assertEquals(200, all.stream().distinct().count());
            assertEquals(List.of(1L, 200L), List.of(all.stream().min(Long::compare).orElseThrow(),
                    all.stream().max(Long::compare).orElseThrow()));
            List<HandleStore.OutboxEntry> outbox = s.outbox(1, 1000);
            assertEquals(200, outbox.size());
            for (int i = 0; i < outbox.size(); i++) {
                assertEquals(i + 1, outbox.get(i).sequence());
            }
        }
    }

    @Test
    void eventsOfABatchAreNumberedConsecutivelyInListOrderAndTheNumberingSurvivesAReopen() {
        try (HandleStore s = open(dir)) {
            long[] got = s.applyAll(List.of(
                    StoreChange.builder().put(b("P/A"), b("a")).event(b("e1")).build(),
                    StoreChange.put(b("P/B"), b("b")),
                    StoreChange.builder().put(b("P/C"), b("c")).event(b("e2")).build(),
                    StoreChange.builder().event(b("e3")).build()));
            assertArrayEquals(new long[] {1, 0, 2, 3}, got);
            assertEquals(List.of("e1", "e2", "e3"), s.outbox(1, 10).stream().map(e -> s(e.event())).toList());
        }
        try (HandleStore s = open(dir)) {
            assertEquals(3, s.lastSequence());
            assertArrayEquals(new long[] {4, 5}, s.applyAll(List.of(
                    StoreChange.builder().event(b("e4")).build(), StoreChange.builder().event(b("e5")).build())));
            assertEquals(List.of(1L, 2L, 3L, 4L, 5L), s.outbox(1, 10).stream().map(HandleStore.OutboxEntry::sequence).toList());
        }
    }

    @Test
    void aLaterChangeInABatchWinsOverAnEarlierOneForTheSameKeyOrPrefix() {
        try (HandleStore s = open(dir)) {
            s.applyAll(List.of(
                    StoreChange.builder().put(b("P/A"), b("first")).put(b("P/B"), b("b")).home("P").build(),
                    StoreChange.builder().put(b("P/A"), b("second")).delete(b("P/B")).unhome("P").build(),
                    StoreChange.builder().delete(b("P/C")).home("Q").build(),
                    StoreChange.put(b("P/C"), b("c"))));
            assertArrayEquals(b("second"), s.get(b("P/A")));
            assertNull(s.get(b("P/B")));
            assertArrayEquals(b("c"), s.get(b("P/C")));
            assertEquals(Set.of("Q"), s.homedPrefixes());
        }
    }

    @Test
    void withinOneChangeADeleteWinsOverAPutOfTheSameKey() {
        try (HandleStore s = open(dir)) {
            s.apply(StoreChange.builder().put(b("P/A"), b("a")).delete(b("P/A")).build());
            assertNull(s.get(b("P/A")));
        }
    }

    @Test
    void aBatchOfEmptyChangesWritesNothingAndTakesNoNumber() {
        try (HandleStore s = open(dir)) {
            assertArrayEquals(new long[0], s.applyAll(List.of()));
            assertArrayEquals(new long[] {0, 0}, s.applyAll(List.of(StoreChange.builder().build(), StoreChange.builder().build())));
            assertEquals(0, s.lastSequence());
        }
    }

    /**
     * A reader reads A, then B, while batches set both to the same number: if a batch could be seen
     * half-applied, the reader would at some point find A ahead of B. (A passing run on a broken store
     * is possible; a failing run on a correct one is not.)
     */
    @Test
    void aReaderNeverSeesPartOfABatch() throws Exception {
        try (HandleStore s = open(dir)) {
            s.applyAll(List.of(StoreChange.put(b("P/A"), b("0")), StoreChange.put(b("P/B"), b("0"))));
            AtomicBoolean writing = new AtomicBoolean(true);
            ExecutorService pool = Executors.newSingleThreadExecutor();
            Future<Integer> tornReads = pool.submit(() -> {
                int torn = 0;
                while (writing.get()) {
                    int seenA = Integer.parseInt(s(s.get(b("P/A"))));
                    int seenB = Integer.parseInt(s(s.get(b("P/B"))));
                    torn += seenB < seenA ? 1 : 0;
                }
                return torn;
            });
            for (int i = 1; i <= 200; i++) {
                s.applyAll(List.of(StoreChange.builder().put(b("P/A"), b("" + i)).event(b("a" + i)).build(),
                        StoreChange.builder().put(b("P/B"), b("" + i)).event(b("b" + i)).build()));
            }
            writing.set(false);
            assertEquals(0, tornReads.get(60, TimeUnit.SECONDS));
            pool.shutdown();
        }
    }

    @Test
    void aWriteAfterCloseFailsWithAStorageException() {
        HandleStore s = open(dir);
        s.close();
        assertThrows(StorageException.class, () -> s.apply(StoreChange.put(b("P/A"), b("a"))));
    }

    @Test
    void scansKeysOfAPrefixInKeyOrder() {
        try (HandleStore s = open(dir)) {
            StoreChange.Builder c = StoreChange.builder();
            for (String k : List.of("P/C", "P/A", "Q/A", "P/B")) {
                c.put(b(k), b("x"));
            }
            s.apply(c.build());
            assertEquals(List.of("P/A", "P/B", "P/C"), s.scanKeys(b("P/"), null, 10).stream().map(HandleStoreContract::s).toList());
            assertEquals(List.of("P/C"), s.scanKeys(b("P/"), b("P/B"), 10).stream().map(HandleStoreContract::s).toList());
            assertEquals(1, s.scanKeys(b("P/"), null, 1).size());
        }
    }

    @Test
    void closingTwiceIsSafe() {
        HandleStore s = open(dir);
        s.close();
        s.close();
    }
}
