package org.idnode.node.service;

import java.util.ArrayList;
import java.util.List;
import org.idnode.node.storage.HandleKeys;
import org.idnode.node.storage.HandleStore;
import org.idnode.node.storage.StoreChange;
import org.idnode.node.storage.StoredRecord;
import org.idnode.protocol.codec.AdminRecordCodec;
import org.idnode.protocol.codec.SiteInfoCodec;
import org.idnode.protocol.model.AdminRecord;
import org.idnode.protocol.model.HandleValue;
import org.idnode.protocol.model.SiteInfo;
import org.idnode.protocol.model.ValueTypes;

/**
 * Homes prefixes and keeps their prefix handles {@code 0.NA/<PREFIX>} (handle-protocol.md §12) able to
 * resolve: each holds our HS_SITE at index 1, refreshed at every start so it names the current
 * ports and key, and an HS_ADMIN at index 100 naming the prefix handle's own key slot (index 300) as
 * administrator, which registration will fill with the operator's key.
 */
public final class PrefixRecords {
    static final int SITE_INDEX = 1;
    static final int ADMIN_INDEX = 100;
    static final int ADMIN_KEY_INDEX = 300;

    private PrefixRecords() {
    }

    public static void home(HandleStore store, HandleKeys keys, String prefix, SiteInfo site, int now) {
        String normalized = HandleKeys.normalizePrefix(prefix);
        StoreChange.Builder change = StoreChange.builder().home(normalized);
        String prefixHandle = "0.NA/" + normalized;
        byte[] key = keys.key(prefixHandle);
        byte[] existing = store.get(key);
        HandleValue siteValue = HandleValue.of(SITE_INDEX, ValueTypes.HS_SITE, SiteInfoCodec.encode(site)).withTimestamp(now);
        List<HandleValue> values = new ArrayList<>();
        if (existing == null) {
            values.add(siteValue);
            values.add(HandleValue.of(ADMIN_INDEX, ValueTypes.HS_ADMIN,
                    AdminRecordCodec.encode(new AdminRecord(AdminRecord.ALL, prefixHandle, ADMIN_KEY_INDEX))).withTimestamp(now));
        } else {
            boolean replaced = false;
            for (HandleValue v : StoredRecord.decode(existing)) {
                if (v.index() == SITE_INDEX && v.type().equalsIgnoreCase(ValueTypes.HS_SITE)) {
                    if (java.util.Arrays.equals(v.data(), siteValue.data())) {
                        store.apply(change.build()); // homed; the prefix handle is current
                        return;
                    }
                    values.add(siteValue);
                    replaced = true;
                } else {
                    values.add(v);
                }
            }
            if (!replaced) {
                values.add(0, siteValue);
            }
        }
        // The prefix and its prefix handle change together: a reader never sees one without the other.
        store.apply(change.put(key, StoredRecord.encode(values)).build());
    }
}
