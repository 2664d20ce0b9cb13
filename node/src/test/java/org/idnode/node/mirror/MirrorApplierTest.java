package org.idnode.node.mirror;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.idnode.node.storage.HandleKeys;
import org.idnode.node.storage.RocksHandleStore;
import org.idnode.node.storage.StoredRecord;
import org.idnode.protocol.model.HandleValue;
import org.idnode.protocol.stream.RegistrationEvent;
import org.idnode.protocol.stream.RegistrationEventCodec;
import org.idnode.protocol.stream.StreamRecordCodec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link MirrorApplier} on a real RocksDB: each (node, sequence) once, positions with the records. */
class MirrorApplierTest {
    static final HandleKeys KEYS = new HandleKeys(false);

    @TempDir
    Path dir;

    static MirrorApplier.Incoming put(int partition, long offset, String node, long seq, String handle, String url) {
        RegistrationEvent e = new RegistrationEvent(RegistrationEvent.Operation.PUT, handle,
                List.of(HandleValue.of(1, "URL", url.getBytes(StandardCharsets.UTF_8))), 1_000 + seq, "300:0.NA/88.1");
        return incoming(partition, offset, node, seq, e);
    }

    static MirrorApplier.Incoming incoming(int partition, long offset, String node, long seq, RegistrationEvent e) {
        byte[] event = RegistrationEventCodec.encode(e);
        return new MirrorApplier.Incoming(partition, offset, RegistrationEventCodec.topicKey(event),
                StreamRecordCodec.encode(node, seq, event));
    }

    static String url(RocksHandleStore s, String handle) {
        byte[] r = s.get(KEYS.key(handle));
        return r == null ? null : new String(StoredRecord.decode(r).get(0).data(), StandardCharsets.UTF_8);
    }

    MirrorApplier.Plan apply(MirrorApplier a, MirrorApplier.Incoming... in) {
        MirrorApplier.Plan p = a.plan(List.of(in));
        a.commit(p);
        return p;
    }

    @Test
    void putsDeletesAndPrefixesAreAppliedWithThePositionOfEachPartition() {
        try (RocksHandleStore s = RocksHandleStore.open(dir, 8 << 20)) {
            MirrorApplier a = new MirrorApplier(s, KEYS);
            RegistrationEvent home = new RegistrationEvent(RegistrationEvent.Operation.HOME_PREFIX, "0.NA/88.1",
                    List.of(HandleValue.of(100, "HS_ADMIN", new byte[] {0, 1})), 5, "");
            MirrorApplier.Plan p = apply(a, incoming(0, 0, "n", 1, home), put(1, 0, "n", 2, "88.1/A", "https://a"),
                    put(0, 1, "n", 3, "88.1/B", "https://b"),
                    incoming(1, 1, "n", 4, new RegistrationEvent(RegistrationEvent.Operation.DELETE, "88.1/A", List.of(), 9, "")));
            assertEquals(4, p.applied());
            assertTrue(p.prefixesChanged());
            assertEquals(Set.of("88.1"), s.homedPrefixes());
            assertNotNull(s.get(KEYS.key("0.NA/88.1")), "a prefix event brings the prefix handle's record");
            assertNull(s.get(KEYS.key("88.1/A")));
            assertEquals("https://b", url(s, "88.1/B"));
            assertEquals(java.util.HexFormat.of().formatHex(StoredRecord.encode(List.of(HandleValue.of(1, "URL",
                    "https://b".getBytes(StandardCharsets.UTF_8))))), java.util.HexFormat.of().formatHex(s.get(KEYS.key("88.1/B"))),
                    "stored octet for octet as the primary stores it");
            assertEquals(2, a.position(0).nextOffset());
            assertEquals(2, a.position(1).nextOffset());
        }
        try (RocksHandleStore s = RocksHandleStore.open(dir, 8 << 20)) {
            MirrorApplier again = new MirrorApplier(s, KEYS);
            assertEquals(2, again.position(0).nextOffset(), "positions are stored with the records");
            assertEquals(3, again.position(0).highest("n"));
        }
    }

    @Test
    void aRepeatOfAnAppliedChangeIsPassedOverEvenAfterALaterOne() {
        try (RocksHandleStore s = RocksHandleStore.open(dir, 8 << 20)) {
            MirrorApplier a = new MirrorApplier(s, KEYS);
            apply(a, put(0, 0, "n", 1, "88.1/A", "https://one"), put(0, 1, "n", 2, "88.1/A", "https://two"));
            // A publisher that crashed sends 1 and 2 again; another poll, another store read of the marks.
            MirrorApplier.Plan p = apply(new MirrorApplier(s, KEYS), put(0, 2, "n", 1, "88.1/A", "https://one"),
                    put(0, 3, "n", 2, "88.1/A", "https://two"));
            assertEquals(0, p.applied());
            assertEquals(2, p.repeats());
            assertEquals("https://two", url(s, "88.1/A"), "the older repeat did not win");
        }
    }

    @Test
    void aChangeNeverSeenIsAppliedEvenBelowThePartitionsHighestSequence() {
        try (RocksHandleStore s = RocksHandleStore.open(dir, 8 << 20)) {
            MirrorApplier a = new MirrorApplier(s, KEYS);
            apply(a, put(0, 0, "n", 9, "88.1/LATER", "https://9"));
            MirrorApplier.Plan p = apply(a, put(0, 1, "n", 7, "88.1/EARLIER", "https://7"));
            assertEquals(1, p.applied(), "7 was never applied: the record has no mark");
            assertEquals("https://7", url(s, "88.1/EARLIER"));
        }
    }

    @Test
    void repeatsWithinOnePollAreCaughtByTheMarksOfThatPoll() {
        try (RocksHandleStore s = RocksHandleStore.open(dir, 8 << 20)) {
            MirrorApplier a = new MirrorApplier(s, KEYS);
            MirrorApplier.Plan p = apply(a, put(0, 0, "n", 1, "88.1/A", "https://one"), put(0, 1, "n", 2, "88.1/A", "https://two"),
                    put(0, 2, "n", 1, "88.1/A", "https://one"));
            assertEquals(2, p.applied());
            assertEquals(1, p.repeats());
            assertEquals("https://two", url(s, "88.1/A"));
        }
    }

    @Test
    void anotherNodesSequenceIsItsOwn() {
        try (RocksHandleStore s = RocksHandleStore.open(dir, 8 << 20)) {
            MirrorApplier a = new MirrorApplier(s, KEYS);
            MirrorApplier.Plan p = apply(a, put(0, 0, "n", 5, "88.1/A", "https://n"), put(0, 1, "m", 5, "88.1/B", "https://m"));
            assertEquals(2, p.applied());
        }
    }

    @Test
    void garbageAndUnknownVersionsAreRefusedWhileTheRestOfThePollApplies() {
        try (RocksHandleStore s = RocksHandleStore.open(dir, 8 << 20)) {
            MirrorApplier a = new MirrorApplier(s, KEYS);
            byte[] otherVersion = StreamRecordCodec.encode("n", 1, new byte[] {1});
            otherVersion[0] = 9;
            List<MirrorApplier.Incoming> in = new ArrayList<>();
            in.add(new MirrorApplier.Incoming(0, 0, null, new byte[] {(byte) 0xff, 0, 3}));
            in.add(new MirrorApplier.Incoming(0, 1, null, otherVersion));
            in.add(new MirrorApplier.Incoming(0, 2, null, null));
            in.add(put(0, 3, "n", 2, "88.1/OK", "https://ok"));
            MirrorApplier.Plan p = a.plan(in);
            a.commit(p);
            assertEquals(3, p.bad().size());
            assertTrue(p.bad().get(1).why().contains("version"), p.bad().get(1).why());
            assertEquals(1, p.applied());
            assertEquals("https://ok", url(s, "88.1/OK"));
            assertEquals(4, a.position(0).nextOffset(), "refused records count as read");
        }
    }

    @Test
    void recordsBeforeTheStoredPositionAreNotReadAgain() {
        try (RocksHandleStore s = RocksHandleStore.open(dir, 8 << 20)) {
            MirrorApplier a = new MirrorApplier(s, KEYS);
            apply(a, put(0, 0, "n", 1, "88.1/A", "https://a"));
            MirrorApplier.Plan p = apply(new MirrorApplier(s, KEYS), put(0, 0, "n", 1, "88.1/A", "https://a"),
                    put(0, 1, "n", 2, "88.1/B", "https://b"));
            assertEquals(1, p.applied());
            assertEquals(0, p.repeats(), "offset 0 was below the position: not even looked at");
        }
    }
}
