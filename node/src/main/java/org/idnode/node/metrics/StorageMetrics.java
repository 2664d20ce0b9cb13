package org.idnode.node.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.function.ToLongFunction;
import org.idnode.node.storage.RocksStats;

/**
 * RocksDB figures, read when scraped: sizes from database properties, cache and stall counts from
 * the store's Statistics tickers. A figure RocksDB can't give (closed store) reads as NaN.
 */
final class StorageMetrics implements MeterBinder {
    private final RocksStats stats;

    StorageMetrics(RocksStats stats) {
        this.stats = stats;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        gauge(registry, "idnode.rocksdb.estimated.keys", "Records in the store, as RocksDB estimates them",
                RocksStats::estimatedKeys);
        gauge(registry, "idnode.rocksdb.live.sst.bytes", "Bytes of live SST files, all column families",
                RocksStats::liveSstBytes);
        gauge(registry, "idnode.rocksdb.pending.compaction.bytes", "Bytes compaction estimates it has to rewrite",
                RocksStats::pendingCompactionBytes);
        if (!stats.hasStatistics()) {
            return;
        }
        counter(registry, "idnode.rocksdb.block.cache.hits", "Block cache hits", RocksStats::blockCacheHits);
        counter(registry, "idnode.rocksdb.block.cache.misses", "Block cache misses (blocks read from files)",
                RocksStats::blockCacheMisses);
        counter(registry, "idnode.rocksdb.row.cache.hits", "Row cache hits (whole records)", RocksStats::rowCacheHits);
        counter(registry, "idnode.rocksdb.row.cache.misses", "Row cache misses", RocksStats::rowCacheMisses);
        FunctionCounter.builder("idnode.rocksdb.write.stall.seconds", stats, s -> nonNegative(s.writeStallMicros()) / 1e6)
                .description("Time writers were delayed or stopped waiting for flushes and compactions")
                .register(registry);
    }

    private void gauge(MeterRegistry registry, String name, String description, ToLongFunction<RocksStats> f) {
        Gauge.builder(name, stats, s -> {
                    long v = f.applyAsLong(s);
                    return v < 0 ? Double.NaN : v;
                })
                .description(description)
                .strongReference(true)
                .register(registry);
    }

    private void counter(MeterRegistry registry, String name, String description, ToLongFunction<RocksStats> f) {
        FunctionCounter.builder(name, stats, s -> nonNegative(f.applyAsLong(s)))
                .description(description)
                .register(registry);
    }

    /** A counter must not go back: a closed store reads -1, which is held at 0 instead. */
    private static double nonNegative(long v) {
        return Math.max(0, v);
    }
}
