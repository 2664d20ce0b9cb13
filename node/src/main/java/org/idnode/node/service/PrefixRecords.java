package org.idnode.node.service;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.idnode.node.storage.HandleKeys;
import org.idnode.node.storage.HandleStore;
import org.idnode.node.storage.RecordView;
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
 * ports and key, and, when the node makes the prefix handle, an HS_ADMIN at index 100 naming the
 * prefix handle's own key slot (index 300) as administrator. An HS_ADMIN or key already there (made
 * by an operator, or imported) is kept. With an administrator key configured, index 300 gets it as
 * HS_PUBKEY when empty: that key is then the prefix administrator ({@code 300:0.NA/<PREFIX>}).
 */
public final class PrefixRecords {
    public static final int SITE_INDEX = 1;
    public static final int ADMIN_INDEX = 100;
    public static final int ADMIN_KEY_INDEX = 300;

    private PrefixRecords() {
    }

    /** A change that homes a prefix, and the prefix handle's record as it is once it is applied. */
    public record Homing(StoreChange.Builder change, List<HandleValue> record, boolean recordChanged) {
    }

    /**
     * Homes {@code prefix} at start: prefix and prefix handle in one atomic write, with {@code event}
     * (given the prefix handle's record; may return null) when something changed: a mirror learns
     * of prefixes homed by configuration, and of new ports or keys in HS_SITE, like any other change.
     */
    public static void home(HandleStore store, HandleKeys keys, String prefix, SiteInfo site, int now, byte[] adminKey,
                            java.util.function.Function<List<HandleValue>, byte[]> event) {
        String normalized = HandleKeys.normalizePrefix(prefix);
        Homing homing = homeChange(store::get, keys, prefix, site, now, adminKey);
        boolean changed = homing.recordChanged() || !store.homedPrefixes().contains(normalized);
        store.apply(homing.change().event(changed ? event.apply(homing.record()) : null).build());
    }

    public static void home(HandleStore store, HandleKeys keys, String prefix, SiteInfo site, int now, byte[] adminKey) {
        home(store, keys, prefix, site, now, adminKey, record -> null);
    }

    public static void home(HandleStore store, HandleKeys keys, String prefix, SiteInfo site, int now) {
        home(store, keys, prefix, site, now, null);
    }

    /** The change that homes {@code prefix} given the store as {@code view} shows it; an event may be added. */
    public static Homing homeChange(RecordView view, HandleKeys keys, String prefix, SiteInfo site, int now,
                                    byte[] adminKey) {
        String normalized = HandleKeys.normalizePrefix(prefix);
        StoreChange.Builder change = StoreChange.builder().home(normalized);
        String prefixHandle = "0.NA/" + normalized;
        byte[] key = keys.key(prefixHandle);
        byte[] existing = view.get(key);
        HandleValue siteValue = HandleValue.of(SITE_INDEX, ValueTypes.HS_SITE, SiteInfoCodec.encode(site)).withTimestamp(now);
        List<HandleValue> values = new ArrayList<>();
        boolean changed = false;
        if (existing == null) {
            values.add(siteValue);
            values.add(HandleValue.of(ADMIN_INDEX, ValueTypes.HS_ADMIN,
                    AdminRecordCodec.encode(new AdminRecord(AdminRecord.ALL, prefixHandle, ADMIN_KEY_INDEX))).withTimestamp(now));
            changed = true;
        } else {
            boolean hasSite = false;
            for (HandleValue v : StoredRecord.decode(existing)) {
                if (v.index() == SITE_INDEX) {
                    hasSite = true; // an operator's own value at index 1 is kept: theirs to manage
                }
                if (v.index() == SITE_INDEX && v.type().equalsIgnoreCase(ValueTypes.HS_SITE)) {
                    if (!Arrays.equals(v.data(), siteValue.data())) {
                        values.add(siteValue);
                        changed = true;
                        continue;
                    }
                }
                values.add(v);
            }
            if (!hasSite) {
                values.add(0, siteValue);
                changed = true;
            }
        }
        if (adminKey != null && values.stream().noneMatch(v -> v.index() == ADMIN_KEY_INDEX)) {
            values.add(HandleValue.of(ADMIN_KEY_INDEX, ValueTypes.HS_PUBKEY, adminKey).withTimestamp(now));
            changed = true;
        }
        // The prefix and its prefix handle change together: a reader never sees one without the other.
        return new Homing(changed ? change.put(key, StoredRecord.encode(values)) : change, List.copyOf(values), changed);
    }
}
