package org.idnode.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.idnode.node.storage.GroupCommitter;
import org.idnode.node.storage.HandleKeys;
import org.idnode.node.storage.RecordView;
import org.idnode.node.storage.RocksHandleStore;
import org.idnode.node.storage.StoreChange;
import org.idnode.node.storage.StoredRecord;
import org.idnode.protocol.model.HandleValue;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Durable registrations per second: each operation creates a new handle (a 500-octet record of 4
 * values, plus a 600-octet outbox event) and returns once it is synced. {@code groupCommit}: 16
 * threads submit to a {@link GroupCommitter} and wait for the future. For comparison, the same
 * write through {@code apply()}: from one thread (one sync per write), and from 16 threads (each
 * waits for the numbering lock, held across the sync of the write before). The store starts empty
 * in {@code dir}, which is deleted before and after; put it on the disk the node would use, as the
 * figure is mostly that disk's sync rate.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(1)
public class GroupCommitBenchmark {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(GroupCommitBenchmark.class);

    @Param("/tmp/idnode-bench-commit")
    public String dir;

    private final HandleKeys keys = new HandleKeys(false);
    private final AtomicLong next = new AtomicLong();
    private RocksHandleStore store;
    private GroupCommitter committer;
    private byte[] record;
    private byte[] event;

    @Setup(Level.Trial)
    public void setup() throws IOException {
        BenchStore.delete(Path.of(dir));
        store = RocksHandleStore.open(Path.of(dir).resolve("db"), 64L << 20);
        committer = new GroupCommitter(store, 256, 10_000);
        record = record(500);
        // The event's content doesn't matter to the write (the WAL is not compressed), its size does.
        event = Arrays.copyOf(record, 600);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        committer.close();
        if (committer.batches() > 0) {
            LOG.info(String.format("%d mutations in %d batches (%.1f a batch, largest %d)", committer.mutations(),
                    committer.batches(), (double) committer.mutations() / committer.batches(), committer.largestBatch()));
        }
        store.close();
        BenchStore.delete(Path.of(dir));
    }

    @Benchmark
    @Threads(16)
    public long groupCommit() {
        byte[] key = nextKey();
        return committer.submit(view -> createIfAbsent(view, key)).join();
    }

    @Benchmark
    @Threads(1)
    public long applyOneThread() {
        return store.apply(change(nextKey()));
    }

    @Benchmark
    @Threads(16)
    public long applySixteenThreads() {
        return store.apply(change(nextKey()));
    }

    /** What a registration's plan does: a read that finds nothing, then the write. */
    private StoreChange createIfAbsent(RecordView view, byte[] key) {
        if (view.get(key) != null) {
            throw new IllegalStateException("exists: " + new String(key, StandardCharsets.UTF_8));
        }
        return change(key);
    }

    private StoreChange change(byte[] key) {
        return StoreChange.builder().put(key, record).event(event).build();
    }

    private byte[] nextKey() {
        return keys.key(BenchStore.handle(next.getAndIncrement()));
    }

    /** A stored record of 4 values, {@code size} octets long (the description pads it). */
    static byte[] record(int size) {
        int unpadded = StoredRecord.encode(values("")).length;
        return StoredRecord.encode(values("x".repeat(Math.max(0, size - unpadded))));
    }

    private static List<HandleValue> values(String description) {
        return List.of(
                HandleValue.text(1, "URL", "https://factory.example.com/products/ID-000123456").withTimestamp(1_700_000_000),
                HandleValue.text(2, "EMAIL", "registry@factory.example.com").withTimestamp(1_700_000_000),
                HandleValue.text(3, "DESC", description).withTimestamp(1_700_000_000),
                HandleValue.text(100, "HS_ADMIN", "0.NA/88.118.8 index 300").withTimestamp(1_700_000_000));
    }
}
