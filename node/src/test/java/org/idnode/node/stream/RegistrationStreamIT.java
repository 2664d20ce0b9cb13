package org.idnode.node.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import net.handle.hdllib.AbstractResponse;
import net.handle.hdllib.AdminRecord;
import net.handle.hdllib.AuthenticationInfo;
import net.handle.hdllib.CreateHandleRequest;
import net.handle.hdllib.Encoder;
import net.handle.hdllib.HandleResolver;
import net.handle.hdllib.HandleValue;
import net.handle.hdllib.Interface;
import net.handle.hdllib.PublicKeyAuthenticationInfo;
import net.handle.hdllib.SiteInfo;
import net.handle.hdllib.Util;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.idnode.node.Await;
import org.idnode.node.Node;
import org.idnode.node.TestNodes;
import org.idnode.node.config.AuthSettings;
import org.idnode.node.config.StreamSettings;
import org.idnode.protocol.auth.PublicKeys;
import org.idnode.protocol.codec.SiteInfoCodec;
import org.idnode.protocol.stream.RegistrationEvent;
import org.idnode.protocol.stream.StreamRecordCodec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Registrations made through the wire protocol reach a real Kafka broker (child JVM) in order,
 * and leave the outbox once acknowledged; with Kafka stopped they still succeed, wait in the outbox,
 * and all reach the topic after Kafka is back, each sequence number at least once.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RegistrationStreamIT {
    static final String PREFIX = "88.118.8";

    @TempDir
    static Path dir;
    KafkaBroker kafka;
    Node node;
    KeyPair admin;
    SiteInfo site;
    int created;

    @BeforeAll
    void start() throws Exception {
        kafka = KafkaBroker.start(dir.resolve("kafka"));
        KeyPairGenerator gen = KeyPairGenerator.getInstance("RSA");
        gen.initialize(2048);
        admin = gen.generateKeyPair();
        Path keyFile = dir.resolve("admpub.bin");
        Files.write(keyFile, PublicKeys.encode(admin.getPublic()));
        node = Node.start(TestNodes.config(dir.resolve("node"), PREFIX)
                .withAuth(AuthSettings.defaults().withAdminKeyFile(keyFile))
                .withStream(new StreamSettings(kafka.bootstrapServers(), "test.registrations", "node-a", 2, 1, 1000, 1_000_000,
                        null, java.time.Duration.ofSeconds(30), StreamSettings.SKIP, null, null, 500, java.time.Duration.ofSeconds(10))));
        site = new SiteInfo();
        Encoder.decodeSiteInfoRecord(SiteInfoCodec.encode(node.siteInfo()), 0, site);
    }

    @AfterAll
    void stop() throws Exception {
        if (node != null) {
            node.close();
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    void create(int n) throws Exception {
        AuthenticationInfo auth = new PublicKeyAuthenticationInfo(Util.encodeString("0.NA/" + PREFIX), 300, admin.getPrivate());
        HandleResolver r = new HandleResolver();
        r.setSessionTracker(null);
        r.setCache(null);
        HandleValue adminValue = new HandleValue(100, Util.encodeString("HS_ADMIN"), Encoder.encodeAdminRecord(new AdminRecord(
                auth.getUserIdHandle(), 300, true, true, false, false, true, true, true, true, true, true, true, true)));
        for (int i = 0; i < n; i++) {
            String handle = PREFIX + "/STREAM-" + (++created);
            AbstractResponse res = r.sendRequestToSite(new CreateHandleRequest(Util.encodeString(handle), new HandleValue[] {
                    new HandleValue(1, "URL", "https://factory.example.com/" + created), adminValue}, auth), site, Interface.SP_HDL_TCP);
            assertEquals(AbstractResponse.RC_SUCCESS, res.responseCode, res::toString);
        }
    }

    /** Every record on the topic, by sequence (a repeat overwrites its earlier copy), read until {@code count} distinct ones. */
    Map<Long, StreamRecordCodec.StreamRecord> topic(int count, List<String> keys) throws Exception {
        Map<Long, StreamRecordCodec.StreamRecord> bySequence = new TreeMap<>();
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "test-" + System.nanoTime(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName()))) {
            c.subscribe(List.of("test.registrations"));
            long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (bySequence.size() < count && System.nanoTime() < end) {
                for (ConsumerRecord<byte[], byte[]> rec : c.poll(Duration.ofMillis(500))) {
                    StreamRecordCodec.StreamRecord r = StreamRecordCodec.decode(rec.value());
                    bySequence.put(r.sequence(), r);
                    keys.add(new String(rec.key(), StandardCharsets.UTF_8));
                }
            }
        }
        return bySequence;
    }

    @Test
    void aTopicThatWasThereIsCheckedForCompactionAndPartitions() throws Exception {
        StreamSettings settings = StreamSettings.defaults().withKafka(kafka.bootstrapServers()).withKafkaTopic("not-compacted");
        try (org.apache.kafka.clients.admin.Admin admin = org.apache.kafka.clients.admin.Admin.create(Map.of(
                org.apache.kafka.clients.admin.AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            admin.createTopics(List.of(new org.apache.kafka.clients.admin.NewTopic("not-compacted", 1, (short) 1)
                    .configs(Map.of("cleanup.policy", "delete")))).all().get();
            List<List<String>> found = new ArrayList<>();
            Await.until(Duration.ofSeconds(30), "the new topic can be described", () -> {
                try {
                    found.add(KafkaStream.check(admin, settings));
                    return true;
                } catch (java.util.concurrent.ExecutionException notYet) {
                    return false; // a topic just made is not served at once
                }
            });
            List<String> problems = found.get(0);
            assertEquals(2, problems.size(), problems.toString());
            assertTrue(problems.get(0).contains("cleanup.policy=delete"), problems.get(0));
            assertTrue(problems.get(1).contains("1 partitions"), problems.get(1));
            Await.until(Duration.ofSeconds(30), "the node made its topic",
                    () -> admin.listTopics().names().get().contains("test.registrations"));
            assertEquals(List.of(), KafkaStream.check(admin, node.config().stream()), "the topic made at start is as configured");
        }
    }

    @Test
    void registrationsReachTheTopicInOrderAndLeaveTheOutboxThenSurviveKafkaBeingAway() throws Exception {
        create(20);
        List<String> keys = new ArrayList<>();
        Map<Long, StreamRecordCodec.StreamRecord> seen = topic(21, keys);
        assertEquals(21, seen.size());
        StreamRecordCodec.StreamRecord homing = seen.remove(1L);
        assertEquals(RegistrationEvent.Operation.HOME_PREFIX, homing.event().operation(), "homing by config is the first change");
        assertEquals("0.NA/" + PREFIX, homing.event().handle());
        assertTrue(homing.event().values().stream().anyMatch(v -> v.type().equals("HS_SITE")), "with the prefix handle's record");
        assertTrue(keys.contains("prefix:0.NA/" + PREFIX), "a prefix event has its own key: compaction keeps it apart from the record");
        int i = 0;
        for (Map.Entry<Long, StreamRecordCodec.StreamRecord> e : seen.entrySet()) {
            assertEquals(2 + i, e.getKey(), "gapless sequence numbers");
            assertEquals("node-a", e.getValue().nodeId());
            assertEquals(RegistrationEvent.Operation.PUT, e.getValue().event().operation());
            assertEquals(PREFIX + "/STREAM-" + (i + 1), e.getValue().event().handle(), "in the order they were made");
            i++;
        }
        assertTrue(keys.contains(PREFIX + "/STREAM-1"), "keyed by handle");
        OutboxPublisher publisher = node.stream().publisher();
        Await.until(Duration.ofSeconds(30), "the outbox empties", () -> publisher.depth() == 0
                && node.store().outbox(0, 1).isEmpty());

        // Kafka away: registrations still succeed and wait in the outbox.
        kafka.stop();
        create(15);
        assertEquals(15, publisher.depth(), "waiting in the outbox");
        assertEquals(15, node.store().outbox(0, 100).size());
        kafka.startAgain();
        Await.until(Duration.ofSeconds(120), "the outbox drains once Kafka is back", () -> publisher.depth() == 0);
        Map<Long, StreamRecordCodec.StreamRecord> all = topic(36, new ArrayList<>());
        assertEquals(36, all.size(), "every registration, each sequence number at least once");
        Set<String> handles = new HashSet<>();
        all.values().forEach(r -> handles.add(r.event().handle()));
        assertEquals(36, handles.size());
    }
}
