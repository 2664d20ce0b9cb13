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

class RocksHandleStoreTest {
    @TempDir
    Path dir;

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void keepsRecordsAcrossAReopen() {
        byte[] record = StoredRecord.encode(List.of(HandleValue.text(1, "URL", "https://a.example")));
        try (RocksHandleStore s = RocksHandleStore.open(dir, 8 << 20)) {
            s.put(b("88.118.8/A"), record);
            s.homePrefix("88.118.8");
        }
        try (RocksHandleStore s = RocksHandleStore.open(dir, 8 << 20)) {
            assertArrayEquals(record, s.get(b("88.118.8/A")));
            assertEquals(Set.of("88.118.8"), s.homedPrefixes());
        }
    }

    @Test
    void deletesAndScansInKeyOrder() {
        try (RocksHandleStore s = RocksHandleStore.open(dir, 8 << 20)) {
            for (String k : List.of("P/C", "P/A", "Q/A", "P/B")) {
                s.put(b(k), b("x"));
            }
            s.delete(b("P/B"));
            assertNull(s.get(b("P/B")));
            List<byte[]> keys = s.scanKeys(b("P/"), null, 10);
            assertEquals(List.of("P/A", "P/C"), keys.stream().map(k -> new String(k, StandardCharsets.UTF_8)).toList());
            List<byte[]> after = s.scanKeys(b("P/"), b("P/A"), 10);
            assertEquals(1, after.size());
        }
    }

    @Test
    void ingestedSstFilesWinOverWhatWasStored() {
        try (RocksHandleStore s = RocksHandleStore.open(dir.resolve("db"), 8 << 20)) {
            s.put(b("P/A"), b("old"));
            Path sst = dir.resolve("one.sst");
            try (HandleStore.SstWriter w = s.newSstWriter(sst)) {
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
    void closingTwiceIsSafe() {
        RocksHandleStore s = RocksHandleStore.open(dir, 8 << 20);
        s.close();
        s.close();
    }

    @Test
    void refusesASecondOpenOfTheSameDirectory() {
        try (RocksHandleStore s = RocksHandleStore.open(dir, 8 << 20)) {
            StorageException e = assertThrows(StorageException.class, () -> RocksHandleStore.open(dir, 8 << 20));
            assertEquals(true, e.isLocked() && e.getMessage().contains(dir.toString()), e.getMessage());
        }
    }
}
