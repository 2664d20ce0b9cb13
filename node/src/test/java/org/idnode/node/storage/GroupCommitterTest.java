package org.idnode.node.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The committer on a real RocksDB store. What must share a batch is made to by a {@link Gate}: it
 * holds the committer inside a plan while the test queues the rest, so no test depends on timing.
 */
class GroupCommitterTest {
    @TempDir
    Path dir;

    private RocksHandleStore open() {
        return RocksHandleStore.open(dir.resolve("db"), 8 << 20);
    }

    static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Creates {@code key} with an event, or refuses if the view holds a record there (naming it). */
    static Mutation createIfAbsent(String key, String record) {
        return view -> {
            byte[] existing = view.get(b(key));
            if (existing != null) {
                throw new IllegalStateException("exists: " + new String(existing, StandardCharsets.UTF_8));
            }
            return StoreChange.builder().put(b(key), b(record)).event(b("created " + key)).build();
        };
    }

    /** The future's value; the bound only keeps a broken committer from hanging the build. */
    static long valueOf(CompletableFuture<Long> f) throws Exception {
        return f.get(2, TimeUnit.MINUTES);
    }

    static Throwable failureOf(CompletableFuture<Long> f) {
        return assertThrows(ExecutionException.class, () -> f.get(2, TimeUnit.MINUTES)).getCause();
    }

    @Test
    void concurrentSubmissionsFromManyThreadsAllCompleteAndAreReadableAfterAReopen() throws Exception {
        List<Long> sequences = new ArrayList<>();
        try (RocksHandleStore store = open(); GroupCommitter committer = new GroupCommitter(store, 256, 10_000)) {
            ExecutorService pool = Executors.newFixedThreadPool(8);
            List<Future<List<Long>>> writers = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int writer = t;
                writers.add(pool.submit(() -> {
                    List<Long> got = new ArrayList<>();
                    for (int i = 0; i < 50; i++) {
                        got.add(valueOf(committer.submit(createIfAbsent("P/" + writer + "-" + i, "r" + writer + "-" + i))));
                    }
                    return got;
                }));
            }
            for (Future<List<Long>> w : writers) {
                sequences.addAll(w.get(2, TimeUnit.MINUTES));
            }
            pool.shutdown();
        }
        try (RocksHandleStore store = open()) {
            for (int t = 0; t < 8; t++) {
                for (int i = 0; i < 50; i++) {
                    assertArrayEquals(b("r" + t + "-" + i), store.get(b("P/" + t + "-" + i)));
                }
            }
            assertEquals(400, store.lastSequence());
        }
        assertEquals(LongStream.rangeClosed(1, 400).boxed().toList(), new TreeSet<>(sequences).stream().toList());
    }

    @Test
    void ofTwoCreatesOfOneKeyInOneBatchTheFirstWinsAndTheSecondSeesItsRecord() throws Exception {
        try (RocksHandleStore store = open(); GroupCommitter committer = new GroupCommitter(store, 256, 10_000);
                Gate gate = new Gate()) {
            gate.hold(committer);
            CompletableFuture<Long> first = committer.submit(createIfAbsent("P/X", "first"));
            CompletableFuture<Long> second = committer.submit(createIfAbsent("P/X", "second"));
            gate.release();
            assertEquals(1, valueOf(first));
            Throwable refused = failureOf(second);
            assertEquals("exists: first", refused.getMessage());
            assertEquals(2, committer.batches(), "the gate's batch, then one with both creates");
            assertArrayEquals(b("first"), store.get(b("P/X")));
            assertEquals(1, store.lastSequence());
        }
    }

    @Test
    void aRecordDeletedEarlierInABatchReadsAsAbsentToTheMutationsAfter() throws Exception {
        try (RocksHandleStore store = open(); GroupCommitter committer = new GroupCommitter(store, 256, 10_000);
                Gate gate = new Gate()) {
            store.apply(StoreChange.put(b("P/X"), b("old")));
            gate.hold(committer);
            CompletableFuture<Long> delete = committer.submit(view -> StoreChange.builder().delete(b("P/X")).event(b("deleted")).build());
            CompletableFuture<Long> create = committer.submit(createIfAbsent("P/X", "new"));
            gate.release();
            assertEquals(List.of(1L, 2L), List.of(valueOf(delete), valueOf(create)));
            assertArrayEquals(b("new"), store.get(b("P/X")));
        }
    }

    @Test
    void aPlanThatThrowsFailsOnlyItsOwnSubmissionAndTheCommitterGoesOn() throws Exception {
        RuntimeException refusal = new IllegalArgumentException("refused");
        try (RocksHandleStore store = open(); GroupCommitter committer = new GroupCommitter(store, 256, 10_000);
                Gate gate = new Gate()) {
            gate.hold(committer);
            CompletableFuture<Long> before = committer.submit(createIfAbsent("P/A", "a"));
            CompletableFuture<Long> thrower = committer.submit(view -> {
                throw refusal;
            });
            CompletableFuture<Long> after = committer.submit(createIfAbsent("P/B", "b"));
            gate.release();
            assertEquals(List.of(1L, 2L), List.of(valueOf(before), valueOf(after)));
            assertSame(refusal, failureOf(thrower));
            assertEquals(3, valueOf(committer.submit(createIfAbsent("P/C", "c"))), "a later batch is written");
            assertEquals(3, store.lastSequence());
        }
    }

    @Test
    void sixtyFourThreadsSubmittingAtOnceMakeFewerBatchesThanMutations() throws Exception {
        List<CompletableFuture<Long>> submitted = new ArrayList<>();
        try (RocksHandleStore store = open(); GroupCommitter committer = new GroupCommitter(store, 256, 10_000);
                Gate gate = new Gate()) {
            gate.hold(committer);
            ExecutorService pool = Executors.newFixedThreadPool(64);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<CompletableFuture<Long>>> submitting = new ArrayList<>();
            for (int t = 0; t < 64; t++) {
                String key = "P/T" + t;
                submitting.add(pool.submit(() -> {
                    go.await();
                    return committer.submit(createIfAbsent(key, "r"));
                }));
            }
            go.countDown();
            for (Future<CompletableFuture<Long>> s : submitting) {
                submitted.add(s.get(2, TimeUnit.MINUTES)); // queued once submit() has returned
            }
            pool.shutdown();
            gate.release();
            Set<Long> sequences = new TreeSet<>();
            for (CompletableFuture<Long> f : submitted) {
                sequences.add(valueOf(f));
            }
            assertEquals(LongStream.rangeClosed(1, 64).boxed().toList(), List.copyOf(sequences));
            assertTrue(committer.batches() < committer.mutations(), committer.batches() + " batches, " + committer.mutations() + " mutations");
            assertEquals(64, committer.largestBatch(), "the 64 queued behind the gate went in one batch");
        }
    }

    @Test
    void closeCompletesEverythingSubmittedBeforeItAndRefusesLaterSubmissions() throws Exception {
        try (RocksHandleStore store = open()) {
            GroupCommitter committer = new GroupCommitter(store, 16, 10_000);
            List<CompletableFuture<Long>> submitted = new ArrayList<>();
            try (Gate gate = new Gate()) {
                gate.hold(committer);
                for (int i = 0; i < 200; i++) {
                    submitted.add(committer.submit(createIfAbsent("P/" + i, "r")));
                }
            }
            committer.close();
            for (CompletableFuture<Long> f : submitted) {
                assertTrue(f.isDone() && !f.isCompletedExceptionally(), "completed by the time close() returned");
            }
            assertEquals(200, store.lastSequence());
            assertInstanceOf(RejectedExecutionException.class, failureOf(committer.submit(createIfAbsent("P/late", "r"))));
            committer.close();
            assertNull(store.get(b("P/late")));
        }
    }

    @Test
    void aSubmissionBeyondMaxQueuedIsRefusedWithoutRunningIt() throws Exception {
        AtomicBoolean ran = new AtomicBoolean();
        try (RocksHandleStore store = open(); GroupCommitter committer = new GroupCommitter(store, 256, 2);
                Gate gate = new Gate()) {
            gate.hold(committer); // the gate is taken off the queue, so the queue is empty
            CompletableFuture<Long> forA = committer.submit(createIfAbsent("P/A", "a"));
            CompletableFuture<Long> forB = committer.submit(createIfAbsent("P/B", "b"));
            CompletableFuture<Long> refused = committer.submit(view -> {
                ran.set(true);
                return StoreChange.put(b("P/C"), b("c"));
            });
            assertTrue(refused.isCompletedExceptionally(), "refused at once, not queued");
            gate.release();
            assertEquals(List.of(1L, 2L), List.of(valueOf(forA), valueOf(forB)));
            assertInstanceOf(RejectedExecutionException.class, failureOf(refused));
            assertEquals(3, valueOf(committer.submit(createIfAbsent("P/D", "d"))), "room again once the queue is taken");
            assertFalse(ran.get());
        }
    }

    @Test
    void aFailedWriteFailsEveryMutationOfItsBatchAndTheNextBatchIsWritten() throws Exception {
        try (RocksHandleStore real = open(); FaultyStore store = new FaultyStore(real);
                GroupCommitter committer = new GroupCommitter(store, 256, 10_000); Gate gate = new Gate()) {
            gate.hold(committer);
            CompletableFuture<Long> forA = committer.submit(createIfAbsent("P/A", "a"));
            CompletableFuture<Long> forB = committer.submit(createIfAbsent("P/B", "b"));
            CompletableFuture<Long> nothing = committer.submit(view -> StoreChange.builder().build());
            StorageException fault = store.failNextWrite();
            gate.release();
            assertSame(fault, failureOf(forA));
            assertSame(fault, failureOf(forB));
            assertSame(fault, failureOf(nothing));
            assertNull(real.get(b("P/A")));
            assertNull(real.get(b("P/B")));
            assertEquals(1, valueOf(committer.submit(createIfAbsent("P/A", "a2"))), "numbering lost nothing to the failed batch");
            assertArrayEquals(b("a2"), real.get(b("P/A")));
        }
    }

    @Test
    void aBatchWrittenToAClosedStoreFailsEachOfItsMutationsWithAStorageException() throws Exception {
        RocksHandleStore store = open();
        try (GroupCommitter committer = new GroupCommitter(store, 256, 10_000); Gate gate = new Gate()) {
            gate.hold(committer);
            // Plans that read nothing: a read of a closed store is not what is tested here.
            CompletableFuture<Long> forA = committer.submit(view -> StoreChange.builder().put(b("P/A"), b("a")).event(b("e")).build());
            CompletableFuture<Long> forB = committer.submit(view -> StoreChange.put(b("P/B"), b("b")));
            store.close();
            gate.release();
            assertInstanceOf(StorageException.class, failureOf(forA));
            assertInstanceOf(StorageException.class, failureOf(forB));
        } finally {
            store.close();
        }
    }

    /**
     * A mutation that holds the committer inside its plan until released, so that everything
     * submitted meanwhile is queued and goes into the next batch together. Closing releases it, so a
     * failed test cannot leave the committer held.
     */
    static final class Gate implements AutoCloseable {
        private final CountDownLatch entered = new CountDownLatch(1);
        private final CountDownLatch released = new CountDownLatch(1);

        /** Submits the gate and returns once the committer is inside its plan (and so has an empty queue). */
        void hold(GroupCommitter committer) throws InterruptedException {
            committer.submit(view -> {
                entered.countDown();
                try {
                    released.await();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
                return StoreChange.builder().build();
            });
            entered.await();
        }

        void release() {
            released.countDown();
        }

        @Override
        public void close() {
            release();
        }
    }

    /** The real store, with a write failure on demand: a disk error that a test can't cause in RocksDB. */
    static final class FaultyStore implements HandleStore {
        private final HandleStore real;
        private volatile StorageException nextFailure;

        FaultyStore(HandleStore real) {
            this.real = real;
        }

        /** The next applyAll throws the returned exception and writes nothing; later ones write again. */
        StorageException failNextWrite() {
            nextFailure = new StorageException("write (injected)", new java.io.IOException("disk gone"));
            return nextFailure;
        }

        @Override
        public long[] applyAll(List<StoreChange> changes) {
            StorageException f = nextFailure;
            if (f != null) {
                nextFailure = null;
                throw f;
            }
            return real.applyAll(changes);
        }

        @Override
        public byte[] get(byte[] key) {
            return real.get(key);
        }

        @Override
        public List<byte[]> scanKeys(byte[] prefix, byte[] after, int limit) {
            return real.scanKeys(prefix, after, limit);
        }

        @Override
        public Set<String> homedPrefixes() {
            return real.homedPrefixes();
        }

        @Override
        public void applyBuffered(List<StoreChange> changes) {
            real.applyBuffered(changes);
        }

        @Override
        public byte[] meta(byte[] key) {
            return real.meta(key);
        }

        @Override
        public long lastSequence() {
            return real.lastSequence();
        }

        @Override
        public List<OutboxEntry> outbox(long from, int limit) {
            return real.outbox(from, limit);
        }

        @Override
        public void removeOutbox(long upTo) {
            real.removeOutbox(upTo);
        }

        @Override
        public long estimatedRecordCount() {
            return real.estimatedRecordCount();
        }

        @Override
        public void close() {
            // the real store is closed by its owner
        }
    }
}
