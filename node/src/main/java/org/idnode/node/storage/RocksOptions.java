package org.idnode.node.storage;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.BloomFilter;
import org.rocksdb.Cache;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.CompressionOptions;
import org.rocksdb.CompressionType;
import org.rocksdb.DBOptions;
import org.rocksdb.DataBlockIndexType;
import org.rocksdb.HistogramType;
import org.rocksdb.IndexType;
import org.rocksdb.LRUCache;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksObject;
import org.rocksdb.Statistics;
import org.rocksdb.StatsLevel;
import org.rocksdb.WriteOptions;

/**
 * Every RocksDB option of the node, set in this one place. Owns the native objects it creates and
 * frees them in {@link #close()}, after the database that uses them.
 *
 * <p>Records are read by point lookup far more than they are scanned, so: a whole-key bloom filter
 * (10 bits a key, ~1% false positives) so misses rarely touch disk, a hash index inside data blocks,
 * index and filter blocks in the block cache with high priority, LZ4 on upper levels and ZSTD at
 * the bottom level, where nearly all the data of a big node ends up. Index and filter blocks stay
 * in the table readers (not the block cache) so a lookup does not pay a cache probe for them; at
 * billions of keys, partitioned filters are the next step. A row cache holds hot records whole.
 */
final class RocksOptions implements AutoCloseable {
    private final List<RocksObject> owned = new ArrayList<>();
    final DBOptions db;
    final ColumnFamilyOptions records;
    final ColumnFamilyOptions small;
    final ReadOptions read;
    /** Every write is synced to the write-ahead log before it is acknowledged. */
    final WriteOptions durable;
    /** In the WAL, not synced: a mirror's writes, which the topic can give again. */
    final WriteOptions buffered;
    /** Ticker counts for the metrics (cache hits, stalls); null when metrics are off. */
    final Statistics statistics;

    RocksOptions(long blockCacheBytes, long rowCacheBytes) {
        this(blockCacheBytes, rowCacheBytes, false);
    }

    RocksOptions(long blockCacheBytes, long rowCacheBytes, boolean statistics) {
        Cache cache = own(new LRUCache(blockCacheBytes));
        BloomFilter bloom = own(new BloomFilter(10, false));
        BlockBasedTableConfig table = new BlockBasedTableConfig()
                .setBlockCache(cache)
                .setFilterPolicy(bloom)
                .setWholeKeyFiltering(true)
                .setBlockSize(8 * 1024)
                .setCacheIndexAndFilterBlocks(false)
                .setIndexType(IndexType.kBinarySearch)
                .setDataBlockIndexType(DataBlockIndexType.kDataBlockBinaryAndHash)
                .setFormatVersion(5);
        db = own(new DBOptions()
                .setCreateIfMissing(true)
                .setCreateMissingColumnFamilies(true)
                .setParanoidChecks(true)
                .setMaxBackgroundJobs(2)
                .setBytesPerSync(1 << 20)
                .setKeepLogFileNum(5));
        if (statistics) {
            // Tickers only: every histogram ignored, so no read is timed (timing a get costs clock reads).
            // rocksdbjni's cheapest level is EXCEPT_DETAILED_TIMERS; ignoring histograms makes it tickers-only.
            this.statistics = own(new Statistics(EnumSet.allOf(HistogramType.class)));
            this.statistics.setStatsLevel(StatsLevel.EXCEPT_DETAILED_TIMERS);
            db.setStatistics(this.statistics);
        } else {
            this.statistics = null;
        }
        if (rowCacheBytes > 0) {
            // Whole records by key: a hit skips the index, filter and data-block search, about 3x
            // faster than a block-cache hit (measured: ~0.3M -> ~0.9M gets/s on one core, 1M records).
            db.setRowCache(own(new LRUCache(rowCacheBytes)));
        }
        // ZSTD level 1: close to level 3's size on handle records, at a fraction of the CPU, which
        // matters most to bulk import (SST files are written with these options).
        CompressionOptions bottomZstd = own(new CompressionOptions().setLevel(1).setEnabled(true));
        records = own(new ColumnFamilyOptions()
                .setTableFormatConfig(table)
                .setLevelCompactionDynamicLevelBytes(true)
                .setCompressionType(CompressionType.LZ4_COMPRESSION)
                .setBottommostCompressionType(CompressionType.ZSTD_COMPRESSION)
                .setBottommostCompressionOptions(bottomZstd)
                .setWriteBufferSize(64L << 20)
                .setTargetFileSizeBase(64L << 20)
                .setOptimizeFiltersForHits(false));
        small = own(new ColumnFamilyOptions().setCompressionType(CompressionType.LZ4_COMPRESSION));
        // Checksums are verified when a block is read from a file (a block-cache hit is not checked
        // again), so this costs only on misses; without it a damaged block is decoded as if sound,
        // and a scan over it once asked the allocator for 33 GB and ended the process.
        read = own(new ReadOptions().setVerifyChecksums(true));
        durable = own(new WriteOptions().setSync(true));
        buffered = own(new WriteOptions());
    }

    private <T extends RocksObject> T own(T o) {
        owned.add(o);
        return o;
    }

    @Override
    public void close() {
        // Reverse order of creation: options before the cache and filter they point at.
        for (int i = owned.size() - 1; i >= 0; i--) {
            owned.get(i).close();
        }
        owned.clear();
    }
}
