package org.idnode.node.registration;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.LongSupplier;
import org.idnode.node.auth.Authorizer;
import org.idnode.node.auth.Identity;
import org.idnode.node.auth.NeedsAuthentication;
import org.idnode.node.service.HomedPrefixes;
import org.idnode.node.service.PrefixRecords;
import org.idnode.node.storage.GroupCommitter;
import org.idnode.node.storage.HandleKeys;
import org.idnode.node.storage.Mutation;
import org.idnode.node.storage.RecordView;
import org.idnode.node.storage.StoreChange;
import org.idnode.node.storage.StoredRecord;
import org.idnode.protocol.Limits;
import org.idnode.protocol.ProtocolException;
import org.idnode.protocol.ResponseCodes;
import org.idnode.protocol.model.AdminRecord;
import org.idnode.protocol.model.HandleValue;
import org.idnode.protocol.model.SiteInfo;
import org.idnode.protocol.model.ValueTypes;
import org.idnode.protocol.stream.RegistrationEvent;
import org.idnode.protocol.stream.RegistrationEventCodec;

/**
 * The one write path of the node, shared by the binary protocol and the REST API: checks a change
 * (handle, values), then plans it on the committer thread against the record as it is at that
 * moment — existence, HS_ADMIN permissions (handle-protocol.md §14), the CNRI rules of §8.4 — and
 * has it written with its outbox event by group commit. The returned future completes when the
 * change is durable, or with the {@link ProtocolException} that refused it (nothing written).
 */
public final class Registrar {
    /** Tries at finding a free minted suffix before giving up: with 64 random bits one is plenty. */
    private static final int MINT_ATTEMPTS = 8;

    /**
     * Where this node's writes go. {@code ALONE}: stored only (no outbox: nothing would ever take it).
     * {@code STREAMING}: stored with an outbox event for the stream. {@code MIRROR}: refused with
     * RC 7 (read-only): a mirror's records come from its primary's stream alone.
     */
    public enum Mode {
        ALONE, STREAMING, MIRROR
    }

    /** What a write did: the handle written (minted ones named) and whether it replaced something. */
    public record Outcome(String handle, boolean replaced) {
    }

    private final GroupCommitter committer;
    private final HandleKeys keys;
    private final HomedPrefixes homed;
    private final Authorizer authorizer;
    private final LongSupplier clockMillis;
    private final SecureRandom random;
    private final SiteInfo site;
    private final Mode mode;

    public Registrar(GroupCommitter committer, HandleKeys keys, HomedPrefixes homed, Authorizer authorizer,
                     LongSupplier clockMillis, SecureRandom random, SiteInfo site, Mode mode) {
        this.mode = mode;
        this.committer = committer;
        this.keys = keys;
        this.homed = homed;
        this.authorizer = authorizer;
        this.clockMillis = clockMillis;
        this.random = random;
        this.site = site;
    }

    public Authorizer authorizer() {
        return authorizer;
    }

    // ---- OC 100: create ----

    /**
     * Creates {@code handle} with {@code values}. Without {@code overwrite} an existing handle is RC
     * 101, unless it holds exactly these values (a retried create succeeds: clients retry after
     * timeouts). With {@code mint}, {@code handle} is {@code prefix/} and a random suffix is added.
     */
    public CompletableFuture<Outcome> create(String handle, List<HandleValue> values, boolean overwrite, boolean mint,
                                             Identity id) {
        writable();
        String h = mint ? mintBase(handle) : handle;
        checkHandle(mint ? h + "X" : h);
        ValueRules.check(values, false);
        long now = clockMillis.getAsLong();
        List<HandleValue> stamped = stamp(values, now);
        // The new record and its event are made here, on the caller's thread: the committer thread,
        // which every registration passes through one at a time, only decides (§8.4) and writes.
        StoreChange made = mint ? null : put(keys.key(h), h, stamped, now, id);
        return submit(view -> {
            String name = mint ? freeMinted(view, h) : h;
            byte[] key = keys.key(name);
            byte[] existing = view.get(key);
            StoreChange change = made != null ? made : put(key, name, stamped, now, id);
            if (existing == null) {
                require(prefixAdmins(view, name), id, AdminRecord.ADD_HANDLE, "create " + name);
                return new Planned(change, new Outcome(name, false));
            }
            List<HandleValue> old = StoredRecord.decode(existing);
            if (!overwrite) {
                if (sameValues(old, values)) {
                    return new Planned(StoreChange.builder().build(), new Outcome(name, false)); // a retried create
                }
                throw new ProtocolException(ResponseCodes.HANDLE_ALREADY_EXISTS, "handle " + name + " already exists");
            }
            require(Authorizer.adminValues(old), id, replaceBits(old, values), "overwrite " + name);
            return new Planned(change, new Outcome(name, true));
        });
    }

    // ---- OC 101: delete ----

    public CompletableFuture<Outcome> delete(String handle, Identity id) {
        writable();
        checkHandle(handle);
        return submit(view -> {
            byte[] key = keys.key(handle);
            List<HandleValue> old = existing(view, key, handle);
            require(Authorizer.adminValues(old), id, AdminRecord.DELETE_HANDLE, "delete " + handle);
            long now = clockMillis.getAsLong();
            byte[] event = event(RegistrationEvent.Operation.DELETE, handle, List.of(), now, id);
            return new Planned(StoreChange.builder().delete(key).event(event).build(), new Outcome(handle, true));
        });
    }

    // ---- OC 102: add values ----

    public CompletableFuture<Outcome> addValues(String handle, List<HandleValue> values, boolean overwrite, Identity id) {
        writable();
        checkHandle(handle);
        ValueRules.check(values, false);
        return submit(view -> {
            byte[] key = keys.key(handle);
            Map<Integer, HandleValue> record = byIndex(existing(view, key, handle));
            List<HandleValue> admins = Authorizer.adminValues(new ArrayList<>(record.values()));
            int bits = 0;
            long now = clockMillis.getAsLong();
            boolean replaced = false;
            for (HandleValue v : values) {
                HandleValue old = record.get(v.index());
                if (old != null) {
                    if (!overwrite) {
                        throw new ProtocolException(ResponseCodes.VALUE_ALREADY_EXISTS,
                                "value index " + v.index() + " of " + handle + " is in use");
                    }
                    bits |= modifyBits(old, v);
                    replaced = true;
                } else {
                    bits |= isAdmin(v) ? AdminRecord.ADD_VALUE | AdminRecord.ADD_ADMIN : AdminRecord.ADD_VALUE;
                }
                record.put(v.index(), v.withTimestamp(seconds(now)));
            }
            require(admins, id, bits, "add values to " + handle);
            return new Planned(put(key, handle, new ArrayList<>(record.values()), now, id), new Outcome(handle, replaced));
        });
    }

    // ---- OC 103: remove values ----

    public CompletableFuture<Outcome> removeValues(String handle, List<Integer> indexes, Identity id) {
        writable();
        checkHandle(handle);
        if (indexes.isEmpty() || indexes.size() > Limits.MAX_VALUES) {
            throw new ProtocolException(ResponseCodes.INVALID_VALUE,
                    "indexes: " + indexes.size() + " (expected: 1.." + Limits.MAX_VALUES + ")");
        }
        return submit(view -> {
            byte[] key = keys.key(handle);
            Map<Integer, HandleValue> record = byIndex(existing(view, key, handle));
            List<HandleValue> admins = Authorizer.adminValues(new ArrayList<>(record.values()));
            int bits = 0;
            for (int index : indexes) {
                HandleValue old = record.remove(index);
                if (old == null) {
                    throw new ProtocolException(ResponseCodes.VALUES_NOT_FOUND, "value index " + index + " of " + handle + " not found");
                }
                bits |= isAdmin(old) ? AdminRecord.REMOVE_ADMIN : AdminRecord.REMOVE_VALUE;
            }
            require(admins, id, bits, "remove values of " + handle);
            long now = clockMillis.getAsLong();
            return new Planned(put(key, handle, new ArrayList<>(record.values()), now, id), new Outcome(handle, true));
        });
    }

    // ---- OC 104: modify values ----

    /**
     * Modifies values by index. {@code id} may be null: §14, an anonymous modify is allowed when
     * every value it touches is public-writable and neither old nor new is an HS_ADMIN; otherwise the
     * future fails with {@link NeedsAuthentication} and the caller is challenged.
     */
    public CompletableFuture<Outcome> modifyValues(String handle, List<HandleValue> values, Identity id) {
        writable();
        checkHandle(handle);
        ValueRules.check(values, false);
        return submit(view -> {
            byte[] key = keys.key(handle);
            Map<Integer, HandleValue> record = byIndex(existing(view, key, handle));
            List<HandleValue> admins = Authorizer.adminValues(new ArrayList<>(record.values()));
            int bits = 0;
            long now = clockMillis.getAsLong();
            for (HandleValue v : values) {
                HandleValue old = record.get(v.index());
                if (old == null) {
                    throw new ProtocolException(ResponseCodes.VALUES_NOT_FOUND,
                            "value index " + v.index() + " of " + handle + " not found");
                }
                boolean publicWritable = (old.permissions() & HandleValue.PUBLIC_WRITE) != 0;
                if (!publicWritable && (old.permissions() & HandleValue.ADMIN_WRITE) == 0) {
                    throw new ProtocolException(ResponseCodes.INSUFFICIENT_PERMISSIONS,
                            "value index " + v.index() + " of " + handle + " is read-only");
                }
                if (!(publicWritable && !isAdmin(old) && !isAdmin(v))) {
                    bits |= modifyBits(old, v);
                }
                record.put(v.index(), v.withTimestamp(seconds(now)));
            }
            if (bits != 0) {
                if (id == null) {
                    throw NeedsAuthentication.INSTANCE;
                }
                require(admins, id, bits, "modify values of " + handle);
            }
            return new Planned(put(key, handle, new ArrayList<>(record.values()), now, id), new Outcome(handle, true));
        });
    }

    // ---- OC 300, 301: home and unhome prefixes ----

    public CompletableFuture<Outcome> home(String prefix, Identity id, byte[] adminKey) {
        writable();
        requireServerAdmin(id, "home " + prefix);
        String p = checkPrefix(prefix);
        return submit(view -> {
            long now = clockMillis.getAsLong();
            PrefixRecords.Homing homing = PrefixRecords.homeChange(view, keys, p, site, seconds(now), adminKey);
            // The event carries the prefix handle's whole record: a mirror bootstrapping from the
            // compacted topic gets the prefix and its record from this one event.
            byte[] event = event(RegistrationEvent.Operation.HOME_PREFIX, "0.NA/" + p, homing.record(), now, id);
            return new Planned(homing.change().event(event).build(), new Outcome("0.NA/" + p, false));
        }).thenApply(o -> {
            TreeSet<String> next = new TreeSet<>(homed.all());
            next.add(p);
            homed.replace(next);
            return o;
        });
    }

    public CompletableFuture<Outcome> unhome(String prefix, Identity id) {
        writable();
        requireServerAdmin(id, "unhome " + prefix);
        String p = checkPrefix(prefix);
        if (!homed.all().contains(p)) {
            throw new ProtocolException(ResponseCodes.SERVER_NOT_RESP, "prefix " + p + " is not homed here");
        }
        return submit(view -> {
            byte[] event = event(RegistrationEvent.Operation.UNHOME_PREFIX, "0.NA/" + p, List.of(), clockMillis.getAsLong(), id);
            return new Planned(StoreChange.builder().unhome(p).event(event).build(), new Outcome("0.NA/" + p, true));
        }).thenApply(o -> {
            TreeSet<String> next = new TreeSet<>(homed.all());
            next.remove(p);
            homed.replace(next);
            return o;
        });
    }

    public void requireServerAdmin(Identity id, String what) {
        if (!authorizer.isServerAdmin(id)) {
            throw new ProtocolException(ResponseCodes.INVALID_ADMIN, id + " may not " + what + ": server administrators only");
        }
    }

    /** {@code 0.NA/88.118.8} or {@code 88.118.8} to the normalized prefix. */
    static String checkPrefix(String prefixHandle) {
        String p = prefixHandle.regionMatches(true, 0, "0.NA/", 0, 5) ? prefixHandle.substring(5) : prefixHandle;
        if (!org.idnode.node.config.Prefixes.isValidPrefix(p)) {
            throw new ProtocolException(ResponseCodes.INVALID_HANDLE,
                    "prefix: " + prefixHandle + " (expected: 0.NA/<prefix> or a prefix such as 88.118.8)");
        }
        return HandleKeys.normalizePrefix(p);
    }

    // ---- the parts ----

    /** A mutation's planned change and what its caller is told once it is durable. */
    private record Planned(StoreChange change, Outcome outcome) {
    }

    @FunctionalInterface
    private interface Plan {
        Planned plan(RecordView view);
    }

    private CompletableFuture<Outcome> submit(Plan plan) {
        Outcome[] result = new Outcome[1];
        Mutation m = view -> {
            Planned p = plan.plan(view);
            result[0] = p.outcome();
            return p.change();
        };
        CompletableFuture<Long> done;
        try {
            done = committer.submit(m);
        } catch (RejectedExecutionException e) {
            throw busy(e);
        }
        return done.handle((seq, t) -> {
            if (t != null) {
                Throwable cause = t instanceof java.util.concurrent.CompletionException && t.getCause() != null ? t.getCause() : t;
                if (cause instanceof RejectedExecutionException r) {
                    throw busy(r);
                }
                if (cause instanceof RuntimeException r) {
                    throw r;
                }
                throw new IllegalStateException(cause);
            }
            return result[0];
        });
    }

    private static ProtocolException busy(RejectedExecutionException e) {
        return new ProtocolException(ResponseCodes.SERVER_TOO_BUSY, "registrations waiting for the disk: " + e.getMessage());
    }

    private void checkHandle(String handle) {
        int slash = handle.indexOf('/');
        if (handle.isEmpty() || slash <= 0 || slash == handle.length() - 1) {
            throw new ProtocolException(ResponseCodes.INVALID_HANDLE,
                    "not a handle: " + handle + " (expected PREFIX/SUFFIX, e.g. 88.118.8/PUMP-2024-000017)");
        }
        if (handle.length() > Limits.MAX_HANDLE_LENGTH) {
            throw new ProtocolException(ResponseCodes.INVALID_HANDLE,
                    "handle: " + handle.length() + " characters (expected: at most " + Limits.MAX_HANDLE_LENGTH + ")");
        }
        if (!homed.isResponsibleFor(handle)) {
            throw new ProtocolException(ResponseCodes.SERVER_NOT_RESP, "That prefix doesn't live here");
        }
    }

    private static String mintBase(String handle) {
        if (!handle.endsWith("/")) {
            throw new ProtocolException(ResponseCodes.INVALID_HANDLE,
                    "minting: " + handle + " (expected: the prefix followed by '/', e.g. 88.118.8/)");
        }
        return handle;
    }

    private String freeMinted(RecordView view, String base) {
        for (int i = 0; i < MINT_ATTEMPTS; i++) {
            byte[] b = new byte[8];
            random.nextBytes(b);
            String name = base + HexFormat.of().formatHex(b);
            if (view.get(keys.key(name)) == null) {
                return name;
            }
        }
        throw new ProtocolException(ResponseCodes.ERROR, "no free suffix found under " + base);
    }

    private static List<HandleValue> existing(RecordView view, byte[] key, String handle) {
        byte[] record = view.get(key);
        if (record == null) {
            throw new ProtocolException(ResponseCodes.HANDLE_NOT_FOUND, "handle " + handle + " not found");
        }
        return StoredRecord.decode(record);
    }

    /** §14: a create needs ADD_HANDLE from the prefix handle's HS_ADMIN; prefix handles themselves, a server administrator. */
    private List<HandleValue> prefixAdmins(RecordView view, String handle) {
        String prefix = handle.substring(0, handle.indexOf('/'));
        if (prefix.equalsIgnoreCase("0.NA")) {
            return List.of();
        }
        byte[] record = view.get(keys.prefixHandleKey(prefix));
        return record == null ? List.of() : Authorizer.adminValues(StoredRecord.decode(record));
    }

    private void require(List<HandleValue> admins, Identity id, int bits, String what) {
        if (id == null) {
            throw NeedsAuthentication.INSTANCE;
        }
        if (!authorizer.grants(admins, id, bits)) {
            throw new ProtocolException(ResponseCodes.INVALID_ADMIN,
                    id + " may not " + what + ": no HS_ADMIN grants it " + bitNames(bits));
        }
    }

    private StoreChange put(byte[] key, String handle, List<HandleValue> values, long now, Identity id) {
        byte[] record = StoredRecord.encode(values);
        ValueRules.checkRecordSize(record.length);
        // The event's values are the record's, octet for octet: copied, not encoded again.
        byte[] event = mode != Mode.STREAMING ? null : RegistrationEventCodec.encode(RegistrationEvent.Operation.PUT, handle, now,
                name(id), record, StoredRecord.VALUES_OFFSET, record.length - StoredRecord.VALUES_OFFSET);
        return StoreChange.builder().put(key, record).event(event).build();
    }

    /** The outbox event of a change, or null when the node does not stream. */
    private byte[] event(RegistrationEvent.Operation op, String handle, List<HandleValue> values, long now, Identity id) {
        return mode == Mode.STREAMING ? RegistrationEventCodec.encode(new RegistrationEvent(op, handle, values, now, name(id))) : null;
    }

    private void writable() {
        if (mode == Mode.MIRROR) {
            throw new ProtocolException(ResponseCodes.SERVER_BACKUP,
                    "this node is a read-only mirror: registrations go to its primary");
        }
    }

    private static String name(Identity id) {
        return id == null ? "" : id.toString();
    }

    private static int seconds(long millis) {
        return (int) (millis / 1000);
    }

    private static List<HandleValue> stamp(List<HandleValue> values, long now) {
        List<HandleValue> out = new ArrayList<>(values.size());
        for (HandleValue v : values) {
            out.add(v.withTimestamp(seconds(now)));
        }
        return out;
    }

    private static Map<Integer, HandleValue> byIndex(List<HandleValue> values) {
        Map<Integer, HandleValue> m = new LinkedHashMap<>();
        for (HandleValue v : values) {
            m.put(v.index(), v);
        }
        return m;
    }

    /** Same values, timestamps aside (the server stamps them), in any order. */
    static boolean sameValues(List<HandleValue> stored, List<HandleValue> requested) {
        if (stored.size() != requested.size()) {
            return false;
        }
        Map<Integer, HandleValue> s = byIndex(stored);
        for (HandleValue r : requested) {
            HandleValue v = s.get(r.index());
            if (v == null || !v.withTimestamp(0).equals(r.withTimestamp(0))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isAdmin(HandleValue v) {
        return v.type().equalsIgnoreCase(ValueTypes.HS_ADMIN);
    }

    /** §14: the bits a change of one value needs. */
    private static int modifyBits(HandleValue old, HandleValue v) {
        boolean was = isAdmin(old);
        boolean is = isAdmin(v);
        if (was && is) {
            return AdminRecord.MODIFY_ADMIN;
        }
        if (was) {
            return AdminRecord.REMOVE_ADMIN | AdminRecord.MODIFY_VALUE;
        }
        if (is) {
            return AdminRecord.MODIFY_VALUE | AdminRecord.ADD_ADMIN;
        }
        return AdminRecord.MODIFY_VALUE;
    }

    /** §14: overwriting a handle needs the per-value bits of everything it adds, changes and removes. */
    private static int replaceBits(List<HandleValue> old, List<HandleValue> values) {
        Map<Integer, HandleValue> before = byIndex(old);
        int bits = 0;
        for (HandleValue v : values) {
            HandleValue o = before.remove(v.index());
            if (o == null) {
                bits |= isAdmin(v) ? AdminRecord.ADD_VALUE | AdminRecord.ADD_ADMIN : AdminRecord.ADD_VALUE;
            } else if (!o.withTimestamp(0).equals(v.withTimestamp(0))) {
                bits |= modifyBits(o, v);
            }
        }
        for (HandleValue gone : before.values()) {
            bits |= isAdmin(gone) ? AdminRecord.REMOVE_ADMIN : AdminRecord.REMOVE_VALUE;
        }
        return bits;
    }

    private static String bitNames(int bits) {
        String[] names = {"ADD_HANDLE", "DELETE_HANDLE", "ADD_DERIVED_PREFIX", "DELETE_DERIVED_PREFIX", "MODIFY_VALUE",
                "REMOVE_VALUE", "ADD_VALUE", "MODIFY_ADMIN", "REMOVE_ADMIN", "ADD_ADMIN", "READ_VALUE", "LIST_HANDLES"};
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < names.length; i++) {
            if ((bits & (1 << i)) != 0) {
                sb.append(sb.length() == 0 ? "" : "+").append(names[i]);
            }
        }
        return sb.toString();
    }
}
