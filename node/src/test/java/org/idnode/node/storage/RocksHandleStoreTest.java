package org.idnode.node.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.idnode.protocol.model.HandleValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The contract on RocksDB, and what only RocksDB does (ingest, the lock). */
class RocksHandleStoreTest extends HandleStoreContract {
    @Override
    HandleStore open(Path dir) {
        return RocksHandleStore.open(dir, 8 << 20);
    }

    @Test
    void ingestedSstFilesWinOverWhatWasStored() {
        try (RocksHandleStore s = RocksHandleStore.open(dir.resolve("db"), 8 << 20)) {
            s.apply(StoreChange.put(b("P/A"), b("old")));
            Path sst = dir.resolve("one.sst");
            try (BulkLoader.SstWriter w = s.newSstWriter(sst)) {
                w.add(b("P/A"), b("new"));
                w.add(b("P/B"), b("b"));
                w.finish();
            }
            s.ingest(List.of(sst));
            assertArrayEquals(b("new"), s.get(b("P/A")));
            assertArrayEquals(b("b"), s.get(b("P/B")));
        }
    }

    @Test
    void refusesASecondOpenOfTheSameDirectory() {
        try (RocksHandleStore s = RocksHandleStore.open(dir, 8 << 20)) {
            StorageException e = assertThrows(StorageException.class, () -> RocksHandleStore.open(dir, 8 << 20));
            assertEquals(true, e.isLocked() && e.getMessage().contains(dir.toString()), e.getMessage());
        }
    }
}
