package org.idnode.bench;

import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.idnode.node.storage.HandleKeys;
import org.idnode.node.storage.HandleStore;
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
import org.openjdk.jmh.annotations.Warmup;

/** Point lookups of uniformly random keys in a store of {@code records} records (RocksDB). */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(1)
public class StoreGetBenchmark {
    @Param("1000000")
    public int records;
    @Param("/tmp/idnode-bench-store")
    public String dir;
    /** 0: every get goes to the block cache; the node's default is 256 MiB. */
    @Param({"0", "268435456"})
    public long rowCacheBytes;

    private HandleStore store;
    private byte[][] keys;

    @Setup(Level.Trial)
    public void setup() throws Exception {
        store = BenchStore.open(Path.of(dir + "-" + records), records, rowCacheBytes);
        HandleKeys hk = new HandleKeys(false);
        // A million random keys, so the row cache can't hold the whole key set by accident.
        keys = new byte[1 << 20][];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = hk.key(BenchStore.handle(ThreadLocalRandom.current().nextInt(records)));
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        store.close();
    }

    @Benchmark
    public byte[] getHit() {
        return store.get(keys[ThreadLocalRandom.current().nextInt(keys.length)]);
    }
}
