package org.idnode.node.storage;

import java.util.function.BooleanSupplier;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.Statistics;
import org.rocksdb.TickerType;

/**
 * RocksDB's figures by our names, so that only storage/ knows RocksDB: properties of the database
 * and tickers of its {@link Statistics} (absent when metrics are off: then the tickers read -1).
 * Read by the metrics at scrape time, never on the hot path. Every read checks that the store is
 * open; the node closes the admin port before the store, so no read races the close.
 */
public final class RocksStats {
    private final RocksDB db;
    private final ColumnFamilyHandle records;
    private final Statistics statistics;
    private final BooleanSupplier open;

    RocksStats(RocksDB db, ColumnFamilyHandle records, Statistics statistics, BooleanSupplier open) {
        this.db = db;
        this.records = records;
        this.statistics = statistics;
        this.open = open;
    }

    public boolean hasStatistics() {
        return statistics != null;
    }

    /** RocksDB's estimate of the records held (exact after a compaction, close enough before). */
    public long estimatedKeys() {
        return property(records, "rocksdb.estimate-num-keys");
    }

    /** Bytes of the SST files of the current version, all column families. */
    public long liveSstBytes() {
        return property(null, "rocksdb.live-sst-files-size");
    }

    /** Bytes compaction estimates it must rewrite to bring levels within their targets. */
    public long pendingCompactionBytes() {
        return property(null, "rocksdb.estimate-pending-compaction-bytes");
    }

    public long blockCacheHits() {
        return ticker(TickerType.BLOCK_CACHE_HIT);
    }

    public long blockCacheMisses() {
        return ticker(TickerType.BLOCK_CACHE_MISS);
    }

    public long rowCacheHits() {
        return ticker(TickerType.ROW_CACHE_HIT);
    }

    public long rowCacheMisses() {
        return ticker(TickerType.ROW_CACHE_MISS);
    }

    /** Microseconds writers waited for flushes or compactions (write stalls and slowdowns). */
    public long writeStallMicros() {
        return ticker(TickerType.STALL_MICROS);
    }

    /** A property of one column family, or summed over all (cf null); -1 when closed or unknown. */
    private long property(ColumnFamilyHandle cf, String name) {
        if (!open.getAsBoolean()) {
            return -1;
        }
        try {
            return cf == null ? db.getAggregatedLongProperty(name) : db.getLongProperty(cf, name);
        } catch (RocksDBException e) {
            return -1;
        }
    }

    private long ticker(TickerType t) {
        if (statistics == null || !open.getAsBoolean()) {
            return -1;
        }
        return statistics.getTickerCount(t);
    }
}
