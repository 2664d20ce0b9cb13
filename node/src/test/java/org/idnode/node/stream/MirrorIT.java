package org.idnode.node.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import net.handle.hdllib.AbstractResponse;
import net.handle.hdllib.AdminRecord;
import net.handle.hdllib.AuthenticationInfo;
import net.handle.hdllib.CreateHandleRequest;
import net.handle.hdllib.DeleteHandleRequest;
import net.handle.hdllib.Encoder;
import net.handle.hdllib.HandleResolver;
import net.handle.hdllib.HandleValue;
import net.handle.hdllib.Interface;
import net.handle.hdllib.PublicKeyAuthenticationInfo;
import net.handle.hdllib.ResolutionRequest;
import net.handle.hdllib.ResolutionResponse;
import net.handle.hdllib.SiteInfo;
import net.handle.hdllib.Util;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.idnode.node.Await;
import org.idnode.node.Node;
import org.idnode.node.NodeProcess;
import org.idnode.node.TestNodes;
import org.idnode.node.config.AuthSettings;
import org.idnode.node.config.NodeConfig;
import org.idnode.node.config.StreamSettings;
import org.idnode.node.storage.HandleStore;
import org.idnode.node.storage.RocksHandleStore;
import org.idnode.protocol.auth.PublicKeys;
import org.idnode.protocol.codec.SiteInfoCodec;
import org.idnode.protocol.stream.StreamRecordCodec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Mirrors against a real broker (a child JVM): a mirror bootstraps from the topic and follows its
 * primary, read-only; Kafka going away, the primary or the mirror killed with SIGKILL during a write
 * load lose nothing and apply nothing twice; records it cannot read do not stop it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MirrorIT {
    static final String PREFIX = "88.118.8";

    @TempDir
    static Path dir;
    KafkaBroker kafka;
    KeyPair admin;
    Path keyFile;
    final List<AutoCloseable> open = new ArrayList<>();

    @BeforeAll
    void start() throws Exception {
        kafka = KafkaBroker.start(dir.resolve("kafka"));
        KeyPairGenerator gen = KeyPairGenerator.getInstance("RSA");
        gen.initialize(2048);
        admin = gen.generateKeyPair();
        keyFile = dir.resolve("admpub.bin");
        Files.write(keyFile, PublicKeys.encode(admin.getPublic()));
    }

    /** Each test's nodes stop with it: a producer left running would meet the next test's broker restart. */
    @AfterEach
    void closeNodes() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
        open.clear();
    }

    @AfterAll
    void stop() throws Exception {
        kafka.close();
    }

    <T extends AutoCloseable> T opened(T c) {
        open.add(c);
        return c;
    }

    Node primary(String name, String topic) {
        return opened(Node.start(TestNodes.config(dir.resolve(name), PREFIX)
                .withAuth(AuthSettings.defaults().withAdminKeyFile(keyFile))
                .withStream(StreamSettings.defaults().withKafka(kafka.bootstrapServers()).withKafkaTopic(topic).withNodeId(name))));
    }

    NodeConfig mirrorConfig(String name, String topic) {
        return TestNodes.config(dir.resolve(name))
                .withStream(StreamSettings.defaults().withMirrorOf(kafka.bootstrapServers()).withKafkaTopic(topic));
    }

    Node mirror(String name, String topic) {
        return opened(Node.start(mirrorConfig(name, topic)));
    }

    static SiteInfo site(Node node) throws Exception {
        SiteInfo site = new SiteInfo();
        Encoder.decodeSiteInfoRecord(SiteInfoCodec.encode(node.siteInfo()), 0, site);
        return site;
    }

    /** Creates handles with the official client until stopped, from several threads; collects those acknowledged. */
    final class Load implements AutoCloseable {
        final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        final AtomicBoolean stop = new AtomicBoolean();
        final List<Thread> threads = new ArrayList<>();

        Load(java.util.function.Supplier<SiteInfo> site, String tag, int writers) {
            for (int w = 0; w < writers; w++) {
                int writer = w;
                Thread t = new Thread(() -> write(site, tag + "-" + writer), "load-" + tag + "-" + w);
                t.start();
                threads.add(t);
            }
        }

        void write(java.util.function.Supplier<SiteInfo> site, String tag) {
            AuthenticationInfo auth = auth();
            HandleResolver r = resolver();
            for (int i = 0; i < 1_000_000 && !stop.get(); i++) {
                String handle = PREFIX + "/" + tag + "-" + i;
                try {
                    AbstractResponse res = r.sendRequestToSite(new CreateHandleRequest(Util.encodeString(handle),
                            values(handle), auth), site.get(), Interface.SP_HDL_TCP);
                    if (res.responseCode == AbstractResponse.RC_SUCCESS) {
                        acknowledged.add(handle);
                    }
                } catch (Exception e) {
                    // the node is away (killed, restarting): what was not acknowledged does not count
                }
            }
        }

        void awaitMore(int n) throws Exception {
            int target = acknowledged.size() + n;
            Await.until(Duration.ofSeconds(90), target + " acknowledged", () -> acknowledged.size() >= target);
        }

        @Override
        public void close() throws InterruptedException {
            stop.set(true);
            for (Thread t : threads) {
                t.join(30_000);
            }
        }
    }

    AuthenticationInfo auth() {
        return new PublicKeyAuthenticationInfo(Util.encodeString("0.NA/" + PREFIX), 300, admin.getPrivate());
    }

    static HandleResolver resolver() {
        HandleResolver r = new HandleResolver();
        r.setCache(null);
        r.setSessionTracker(null);
        r.setTcpTimeout(5_000);
        return r;
    }

    HandleValue[] values(String handle) {
        return new HandleValue[] {new HandleValue(1, "URL", "https://factory.example.com/" + handle),
                new HandleValue(2, "DESC", "pump " + handle),
                new HandleValue(100, Util.encodeString("HS_ADMIN"), Encoder.encodeAdminRecord(new AdminRecord(
                        Util.encodeString("0.NA/" + PREFIX), 300, true, true, false, false, true, true, true, true, true, true, true,
                        true)))};
    }

    /** Every record of a store, key to value, hex: two stores are equal when these are. */
    static Map<String, String> dump(HandleStore s) {
        Map<String, String> out = new TreeMap<>();
        byte[] after = null;
        for (int round = 0; round < 10_000; round++) {
            List<byte[]> keys = s.scanKeys(new byte[0], after, 1000);
            for (byte[] k : keys) {
                out.put(new String(k, StandardCharsets.UTF_8), HexFormat.of().formatHex(s.get(k)));
            }
            if (keys.size() < 1000) {
                break;
            }
            after = keys.get(keys.size() - 1);
        }
        return out;
    }

    static void awaitEqual(Node primary, Node mirror) throws Exception {
        Await.until(Duration.ofSeconds(120), "the mirror's store equals the primary's",
                () -> primary.stream().publisher().depth() == 0 && mirror.mirror().lagRecords() == 0
                        && dump(primary.store()).equals(dump(mirror.store())));
    }

    @Test
    void aMirrorBootstrapsFromTheTopicFollowsItsPrimaryResolvesAndRefusesWritesWithRc7() throws Exception {
        Node primary = primary("p1", "t1");
        SiteInfo site = site(primary);
        try (Load load = new Load(() -> site, "BOOT", 2)) {
            load.awaitMore(60);
        }
        HandleResolver r = resolver();
        String gone = PREFIX + "/BOOT-0-0";
        assertEquals(AbstractResponse.RC_SUCCESS, r.sendRequestToSite(new DeleteHandleRequest(Util.encodeString(gone), auth()),
                site, Interface.SP_HDL_TCP).responseCode);

        Node mirror = mirror("m1", "t1"); // new: bootstraps from the topic
        awaitEqual(primary, mirror);
        // Each change applied once; the topic may also carry repeats (a producer that timed out sends
        // again), which the mirror passes over: repeats() counts them.
        assertEquals(primary.store().lastSequence(), mirror.mirror().applied(), "each change applied once");
        assertTrue(mirror.mirror().caughtUp());

        // And follows: a registration made now resolves on the mirror.
        String later = PREFIX + "/AFTER-BOOTSTRAP";
        assertEquals(AbstractResponse.RC_SUCCESS, r.sendRequestToSite(new CreateHandleRequest(Util.encodeString(later),
                values(later), auth()), site, Interface.SP_HDL_TCP).responseCode);
        SiteInfo mirrorSite = site(mirror);
        Await.until(Duration.ofSeconds(30), "the mirror resolves " + later, () -> r.sendRequestToSite(
                new ResolutionRequest(Util.encodeString(later), null, null, null), mirrorSite, Interface.SP_HDL_TCP)
                .responseCode == AbstractResponse.RC_SUCCESS);
        ResolutionResponse res = (ResolutionResponse) r.sendRequestToSite(
                new ResolutionRequest(Util.encodeString(later), null, null, null), mirrorSite, Interface.SP_HDL_TCP);
        assertEquals(3, res.getHandleValues().length);
        assertEquals(AbstractResponse.RC_HANDLE_NOT_FOUND, r.sendRequestToSite(
                new ResolutionRequest(Util.encodeString(gone), null, null, null), mirrorSite, Interface.SP_HDL_TCP).responseCode,
                "a delete reaches the mirror too");

        // Read-only: a write to the mirror is RC 7 and changes nothing.
        String refused = PREFIX + "/TO-THE-MIRROR";
        AbstractResponse w = r.sendRequestToSite(new CreateHandleRequest(Util.encodeString(refused), values(refused), auth()),
                mirrorSite, Interface.SP_HDL_TCP);
        assertEquals(AbstractResponse.RC_SERVER_BACKUP, w.responseCode, w::toString);
        awaitEqual(primary, mirror);
    }

    @Test
    void kafkaAwayDuringAWriteLoadLosesNothingAndTheMirrorAppliesEachChangeOnce() throws Exception {
        Node primary = primary("p2", "t2");
        Node mirror = mirror("m2", "t2");
        SiteInfo site = site(primary);
        Set<String> acked;
        try (Load load = new Load(() -> site, "AWAY", 4)) {
            load.awaitMore(100);
            kafka.stop();
            load.awaitMore(150); // acknowledged while Kafka is away: in the outbox
            kafka.startAgain();
            load.awaitMore(100);
            load.close();
            acked = Set.copyOf(load.acknowledged);
        }
        awaitEqual(primary, mirror);
        for (String h : acked) {
            assertNotNull(mirror.store().get(mirror.keys().key(h)), h + " was acknowledged and is not on the mirror");
        }
        assertEquals(primary.store().lastSequence(), mirror.mirror().applied(), "every change applied, none twice");
    }

    @Test
    void aPrimaryKilledDuringAWriteLoadResumesItsOutboxAndTheMirrorHasEveryAcknowledgedRegistrationOnce() throws Exception {
        Path data = dir.resolve("p3");
        Map<String, String> env = Map.of("IDNODE_ADMIN_KEY_FILE", keyFile.toString(), "IDNODE_KAFKA", kafka.bootstrapServers(),
                "IDNODE_KAFKA_TOPIC", "t3", "IDNODE_NODE_ID", "p3");
        Node mirror = mirror("m3", "t3");
        NodeProcess first = NodeProcess.start(data, env, "--prefix", PREFIX);
        SiteInfo site = siteOf(first);
        Set<String> acked;
        try (Load load = new Load(() -> site, "KILL", 4)) {
            load.awaitMore(300);
            first.kill();
            load.close();
            acked = Set.copyOf(load.acknowledged);
        }
        NodeProcess again = NodeProcess.start(data, env, "--prefix", PREFIX); // its outbox resumes
        Await.until(Duration.ofSeconds(120), "every acknowledged registration on the mirror",
                () -> acked.stream().allMatch(h -> mirror.store().get(mirror.keys().key(h)) != null));
        again.close();
        try (HandleStore p = RocksHandleStore.open(data.resolve("db"), 8L << 20)) {
            long events = p.lastSequence();
            Map<String, String> primaryRecords = dump(p);
            Await.until(Duration.ofSeconds(60), "the mirror has every change", () -> mirror.mirror().applied() >= events);
            assertEquals(events, mirror.mirror().applied(), "none applied twice, whatever the publisher sent again");
            assertEquals(primaryRecords, dump(mirror.store()));
        }
    }

    @Test
    void aMirrorKilledDuringAWriteLoadCatchesUpWithoutGapsOrRepeats() throws Exception {
        Node primary = primary("p4", "t4");
        SiteInfo site = site(primary);
        Path data = dir.resolve("m4");
        Map<String, String> env = Map.of("IDNODE_MIRROR_OF", kafka.bootstrapServers(), "IDNODE_KAFKA_TOPIC", "t4");
        try (Load load = new Load(() -> site, "MKILL", 4)) {
            NodeProcess first = NodeProcess.start(data, env);
            load.awaitMore(200);
            first.kill();
            load.awaitMore(100);
            NodeProcess again = NodeProcess.start(data, env);
            Await.until(Duration.ofSeconds(120), "the restarted mirror catches up",
                    () -> again.output().stream().anyMatch(l -> l.contains("mirror: caught up")));
            // Where it resumed: the store's positions, so what it applies now are the changes it had not
            // (a repeat it passes over is the primary's resend, counted in the line, never applied).
            String line = again.output().stream().filter(l -> l.contains("mirror: caught up")).findFirst().orElseThrow();
            assertTrue(line.matches(".*caught up with t4 in \\d+ ms: \\d+ changes applied.*"), line);
            load.close();
            Await.until(Duration.ofSeconds(60), "the outbox drains", () -> primary.stream().publisher().depth() == 0);
            // Let it apply the tail, then compare the stores themselves.
            SiteInfo mirrorSite = siteOf(again);
            HandleResolver r = resolver();
            for (String h : load.acknowledged) {
                Await.until(Duration.ofSeconds(60), h + " on the mirror", () -> r.sendRequestToSite(
                        new ResolutionRequest(Util.encodeString(h), null, null, null), mirrorSite, Interface.SP_HDL_TCP)
                        .responseCode == AbstractResponse.RC_SUCCESS);
            }
            again.close();
        }
        try (HandleStore m = RocksHandleStore.open(data.resolve("db"), 8L << 20)) {
            assertEquals(dump(primary.store()), dump(m), "no gaps: the mirror's records are the primary's");
        }
    }

    @Test
    void garbageAndUnknownVersionRecordsOnTheTopicAreDeadLetteredAndTheMirrorGoesOn() throws Exception {
        Node primary = primary("p5", "t5");
        Node mirror = opened(Node.start(mirrorConfig("m5", "t5").withStream(StreamSettings.defaults()
                .withMirrorOf(kafka.bootstrapServers()).withKafkaTopic("t5").withStreamBadRecords(StreamSettings.DEAD_LETTER))));
        byte[] otherVersion = StreamRecordCodec.encode("p5", 99, new byte[] {1, 1});
        otherVersion[0] = 7;
        try (KafkaProducer<byte[], byte[]> p = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                kafka.bootstrapServers(), ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName()))) {
            p.send(new ProducerRecord<>("t5", "junk".getBytes(StandardCharsets.UTF_8), new byte[] {(byte) 0xde, (byte) 0xad})).get();
            p.send(new ProducerRecord<>("t5", "v7".getBytes(StandardCharsets.UTF_8), otherVersion)).get();
            p.send(new ProducerRecord<>("t5", "nothing".getBytes(StandardCharsets.UTF_8), null)).get();
        }
        SiteInfo site = site(primary);
        try (Load load = new Load(() -> site, "AFTER-JUNK", 1)) {
            load.awaitMore(10);
        }
        awaitEqual(primary, mirror);
        assertEquals(3, mirror.mirror().badRecords());
        List<ConsumerRecord<byte[], byte[]>> letters = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(), ConsumerConfig.GROUP_ID_CONFIG, "dlq-check",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName()))) {
            c.subscribe(List.of("t5.dead-letter"));
            long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (letters.size() < 3 && System.nanoTime() < end) {
                c.poll(Duration.ofMillis(500)).forEach(letters::add);
            }
        }
        assertEquals(3, letters.size(), "each refused record is on the dead-letter topic");
        for (ConsumerRecord<byte[], byte[]> l : letters) {
            assertNotNull(l.headers().lastHeader("idnode.error"), "with why it was refused");
            assertTrue(new String(l.headers().lastHeader("idnode.source").value(), StandardCharsets.UTF_8).startsWith("t5-"));
        }
    }

    static SiteInfo siteOf(NodeProcess node) throws Exception {
        org.idnode.protocol.message.Message m = new org.idnode.protocol.client.HandleClient().send(
                org.idnode.protocol.client.Transport.TCP, new java.net.InetSocketAddress("127.0.0.1", node.tcpPort()),
                org.idnode.protocol.client.Requests.request(1, org.idnode.protocol.OpCodes.GET_SITE_INFO,
                        new org.idnode.protocol.message.GetSiteInfoRequest("/"), 0), "/");
        SiteInfo site = new SiteInfo();
        Encoder.decodeSiteInfoRecord(SiteInfoCodec.encode(
                ((org.idnode.protocol.message.GetSiteInfoResponse) m.body()).site()), 0, site);
        return site;
    }
}
