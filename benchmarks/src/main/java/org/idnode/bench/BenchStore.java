package org.idnode.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.idnode.node.storage.HandleKeys;
import org.idnode.node.storage.HandleStore;
import org.idnode.node.storage.RocksHandleStore;
import org.idnode.node.storage.StoredRecord;
import org.idnode.protocol.model.HandleValue;

/**
 * A store of N synthetic records for benchmarks, built the way {@code idnode import} does (sorted
 * SST, then ingest). Handles follow the {@code idnode gen} pattern {@code PREFIX/ID-%09d}.
 */
final class BenchStore {
    static final String PREFIX = "88.118.8";

    private BenchStore() {
    }

    static String handle(long i) {
        return PREFIX + "/ID-" + String.format("%09d", i);
    }

    static List<HandleValue> values(long i) {
        return List.of(
                HandleValue.text(1, "URL", "https://factory.example.com/products/" + i).withTimestamp(1_700_000_000),
                HandleValue.text(2, "DESC", "Synthetic product " + i + ", batch " + (i % 997)).withTimestamp(1_700_000_000));
    }

    /** Opens {@code dir/db} (block cache 256 MiB, row cache as given), filling it with {@code n} records unless it has them. */
    static HandleStore open(Path dir, int n, long rowCacheBytes) throws IOException {
        Path db = dir.resolve("db");
        RocksHandleStore store = RocksHandleStore.open(db, 256L << 20, rowCacheBytes);
        HandleKeys keys = new HandleKeys(false);
        if (store.get(keys.key(handle(n - 1))) != null) {
            return store;
        }
        Path sst = dir.resolve("bench.sst");
        try (org.idnode.node.storage.BulkLoader.SstWriter w = store.newSstWriter(sst)) {
            // Zero-padded ids upper-cased sort in id order, so the SST is written in key order.
            for (long i = 0; i < n; i++) {
                w.add(keys.key(handle(i)), StoredRecord.encode(values(i)));
            }
            w.finish();
        }
        store.ingest(List.of(sst));
        return store;
    }

    static void delete(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
