package org.idnode.node.mirror;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.idnode.node.registration.ValueRules;
import org.idnode.node.storage.HandleKeys;
import org.idnode.node.storage.HandleStore;
import org.idnode.node.storage.StoreChange;
import org.idnode.node.storage.StoredRecord;
import org.idnode.protocol.ProtocolException;
import org.idnode.protocol.stream.RegistrationEvent;
import org.idnode.protocol.stream.StreamRecordCodec;

/**
 * Turns what a poll of the registration topic brought into one store write (protocol/STREAM.md):
 * the records, prefixes and marks each change makes, and every partition's new position, applied
 * together by {@link #commit}, so a restart resumes exactly after the last write.
 *
 * <p>Each (node id, sequence) is applied once. A change with a sequence above the highest applied
 * from its partition is new (one record's changes share a partition, in the order they were made);
 * one at or below it is looked up in the record's mark, the (node, sequence) of the change last
 * applied to it, and skipped when that is the same change or a later one. Events carry the whole
 * new record, so skipping a late older change never loses anything: the later one is there.
 * Records the decoder refuses come back in {@link Plan#bad()} for the caller's policy; their
 * offsets count as read.
 *
 * <p>Not thread-safe: the mirror's consumer thread is its only user.
 */
final class MirrorApplier {
    /** A topic record as the consumer got it. */
    record Incoming(int partition, long offset, byte[] key, byte[] value) {
    }

    /** A record the decoder refused, and why. */
    record Bad(Incoming record, String why) {
    }

    /** One poll's write, not yet applied. */
    record Plan(List<StoreChange> changes, Map<Integer, MirrorState.Position> positions, List<Bad> bad, int applied,
                int repeats, boolean prefixesChanged, long newestEventMillis) {
    }

    private final HandleStore store;
    private final HandleKeys keys;
    private final Map<Integer, MirrorState.Position> positions = new HashMap<>();

    MirrorApplier(HandleStore store, HandleKeys keys) {
        this.store = store;
        this.keys = keys;
    }

    /** Where reading {@code partition} resumes: its stored position, or 0 for a partition never read. */
    MirrorState.Position position(int partition) {
        return positions.computeIfAbsent(partition, p -> {
            byte[] v = store.meta(MirrorState.positionKey(p));
            return v == null ? MirrorState.Position.START : MirrorState.decodePosition(v);
        });
    }

    Plan plan(List<Incoming> records) {
        Map<Integer, Long> next = new TreeMap<>();
        Map<Integer, Map<String, Long>> highest = new HashMap<>();
        // Marks made by this poll, looked up only for a sequence at or below its partition's highest
        // (a repeat, or a late first arrival): rare, so a search backwards, not a map on every change.
        List<byte[]> markKeys = new ArrayList<>(records.size());
        List<MirrorState.Applied> markValues = new ArrayList<>(records.size());
        List<StoreChange> changes = new ArrayList<>(records.size() + 1);
        List<Bad> bad = new ArrayList<>();
        int applied = 0;
        int repeats = 0;
        boolean prefixes = false;
        long newest = 0;
        for (Incoming r : records) {
            MirrorState.Position at = position(r.partition());
            long from = next.getOrDefault(r.partition(), at.nextOffset());
            if (r.offset() < from) {
                continue; // read before (a seek can land a little early); its effect is in the store
            }
            next.put(r.partition(), r.offset() + 1);
            StreamRecordCodec.StreamRecord sr;
            StoreChange.Builder change;
            byte[] recordKey;
            try {
                sr = StreamRecordCodec.decode(r.value());
                recordKey = recordKey(sr.event());
                change = change(sr);
            } catch (ProtocolException | IllegalArgumentException e) {
                bad.add(new Bad(r, e.getMessage()));
                continue;
            }
            Map<String, Long> high = highest.computeIfAbsent(r.partition(), p -> new HashMap<>(at.highest()));
            long highestHere = high.getOrDefault(sr.nodeId(), 0L);
            byte[] markKey = MirrorState.appliedKey(recordKey);
            if (sr.sequence() <= highestHere) {
                MirrorState.Applied last = null;
                for (int k = markKeys.size() - 1; k >= 0 && last == null; k--) {
                    if (java.util.Arrays.equals(markKeys.get(k), markKey)) {
                        last = markValues.get(k);
                    }
                }
                if (last == null) {
                    byte[] stored = store.meta(markKey);
                    last = stored == null ? null : MirrorState.decodeApplied(stored);
                }
                if (last != null && last.nodeId().equals(sr.nodeId()) && last.sequence() >= sr.sequence()) {
                    repeats++;
                    continue;
                }
            }
            MirrorState.Applied mark = new MirrorState.Applied(sr.nodeId(), sr.sequence());
            changes.add(change.meta(markKey, MirrorState.encode(mark)).build());
            markKeys.add(markKey);
            markValues.add(mark);
            high.put(sr.nodeId(), Math.max(highestHere, sr.sequence()));
            applied++;
            RegistrationEvent.Operation op = sr.event().operation();
            prefixes |= op == RegistrationEvent.Operation.HOME_PREFIX || op == RegistrationEvent.Operation.UNHOME_PREFIX;
            newest = Math.max(newest, sr.event().timeMillis());
        }
        Map<Integer, MirrorState.Position> moved = new HashMap<>();
        StoreChange.Builder where = StoreChange.builder();
        for (Map.Entry<Integer, Long> e : next.entrySet()) {
            Map<String, Long> high = highest.getOrDefault(e.getKey(), position(e.getKey()).highest());
            MirrorState.Position p = new MirrorState.Position(e.getValue(), high);
            moved.put(e.getKey(), p);
            where.meta(MirrorState.positionKey(e.getKey()), MirrorState.encode(p));
        }
        changes.add(where.build()); // last: the positions go in the same write as what they cover
        return new Plan(changes, moved, bad, applied, repeats, prefixes, newest);
    }

    /** Applies {@code plan} in one atomic write, then reads on from its positions. */
    void commit(Plan plan) {
        store.applyBuffered(plan.changes());
        positions.putAll(plan.positions());
    }

    /** Forgets positions not yet written: after a failed write, reading resumes from the stored ones. */
    void reset() {
        positions.clear();
    }

    private byte[] recordKey(RegistrationEvent e) {
        return switch (e.operation()) {
            case PUT, DELETE -> keys.key(e.handle());
            case HOME_PREFIX, UNHOME_PREFIX -> ("prefix:" + prefixOf(e)).getBytes(StandardCharsets.UTF_8);
        };
    }

    private StoreChange.Builder change(StreamRecordCodec.StreamRecord sr) {
        RegistrationEvent e = sr.event();
        StoreChange.Builder b = StoreChange.builder();
        switch (e.operation()) {
            case PUT -> {
                if (e.values().isEmpty()) {
                    throw new IllegalArgumentException("a PUT of " + e.handle() + " without values");
                }
                // The event's value list is the stored record's layout: copied, not encoded again.
                byte[] octets = sr.eventOctets();
                int at = org.idnode.protocol.stream.RegistrationEventCodec.valuesOffset(octets);
                byte[] record = StoredRecord.fromValueList(octets, at, octets.length - at, e.values());
                ValueRules.checkRecordSize(record.length);
                b.put(keys.key(e.handle()), record);
            }
            case DELETE -> b.delete(keys.key(e.handle()));
            case HOME_PREFIX -> {
                b.home(prefixOf(e));
                if (!e.values().isEmpty()) {
                    b.put(keys.key(e.handle()), StoredRecord.encode(e.values()));
                }
            }
            case UNHOME_PREFIX -> b.unhome(prefixOf(e));
        }
        return b;
    }

    /** A prefix event names the prefix handle {@code 0.NA/<PREFIX>}. */
    private static String prefixOf(RegistrationEvent e) {
        String h = e.handle();
        if (h.length() <= 5 || !h.regionMatches(true, 0, "0.NA/", 0, 5)) {
            throw new IllegalArgumentException("a prefix event names " + h + ", not a prefix handle 0.NA/<prefix>");
        }
        return HandleKeys.normalizePrefix(h.substring(5));
    }
}
