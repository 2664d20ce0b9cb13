package org.idnode.node.service;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.idnode.node.storage.HandleKeys;
import org.idnode.node.storage.RocksHandleStore;
import org.idnode.node.storage.StoreChange;
import org.idnode.node.storage.StoredRecord;
import org.idnode.protocol.codec.AdminRecordCodec;
import org.idnode.protocol.model.AdminRecord;
import org.idnode.protocol.model.HandleValue;
import org.idnode.protocol.model.SiteInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PrefixRecordsTest {
    @TempDir
    Path dir;
    final HandleKeys keys = new HandleKeys(false);
    final SiteInfo site = new SiteInfo(1, 2, 10, 1, SiteInfo.PRIMARY, 0, new byte[0], List.of(), List.of());

    @Test
    void homingANewPrefixMakesItsPrefixHandleWithSiteAdminAndTheConfiguredKey() {
        try (RocksHandleStore store = RocksHandleStore.open(dir, 8L << 20)) {
            byte[] key = {9, 9, 9};
            PrefixRecords.home(store, keys, "88.118.8", site, 100, key);
            List<HandleValue> v = StoredRecord.decode(store.get(keys.key("0.NA/88.118.8")));
            assertEquals(List.of(1, 100, 300), v.stream().map(HandleValue::index).toList());
            assertArrayEquals(key, v.get(2).data());
            assertTrue(store.homedPrefixes().contains("88.118.8"));
        }
    }

    @Test
    void homingKeepsAnImportedAdminValueAndKey() {
        try (RocksHandleStore store = RocksHandleStore.open(dir, 8L << 20)) {
            HandleValue ownAdmin = HandleValue.of(100, "HS_ADMIN", AdminRecordCodec.encode(
                    new AdminRecord(AdminRecord.ALL, "88.118.8/ADMIN", 300)));
            HandleValue ownKey = HandleValue.of(300, "HS_PUBKEY", new byte[] {1, 2, 3});
            store.apply(StoreChange.put(keys.key("0.NA/88.118.8"), StoredRecord.encode(List.of(ownAdmin, ownKey))));
            PrefixRecords.home(store, keys, "88.118.8", site, 100, new byte[] {9, 9, 9});
            List<HandleValue> v = StoredRecord.decode(store.get(keys.key("0.NA/88.118.8")));
            assertEquals(List.of(1, 100, 300), v.stream().map(HandleValue::index).toList(), "our HS_SITE added, nothing else");
            assertArrayEquals(ownAdmin.data(), v.get(1).data());
            assertArrayEquals(ownKey.data(), v.get(2).data());
        }
    }
}
