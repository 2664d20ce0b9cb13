package org.idnode.node.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.idnode.node.Await;
import org.idnode.node.Node;
import org.idnode.node.TestNodes;
import org.idnode.node.config.NodeConfig;
import org.idnode.node.config.StreamSettings;
import org.idnode.protocol.model.HandleValue;
import org.idnode.protocol.stream.RegistrationEvent;
import org.idnode.protocol.stream.RegistrationEventCodec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Upstream sync against a small upstream standing in for the top-level node's reporting endpoint:
 * it refuses the first reports (503), then takes them. Every change arrives, each handle's in the
 * order made; after a clean restart nothing already acknowledged is reported again.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UpstreamSyncIT {
    static final String PREFIX = "88.118.8";
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    KafkaBroker kafka;
    HttpServer upstream;
    final AtomicInteger refuseNext = new AtomicInteger(3);
    final AtomicInteger refused = new AtomicInteger();
    /** (nodeId:sequence) to how many times it was reported. */
    final Map<String, Integer> reports = new ConcurrentHashMap<>();
    final List<JsonNode> changes = Collections.synchronizedList(new ArrayList<>());

    @BeforeAll
    void start() throws Exception {
        kafka = KafkaBroker.start(dir.resolve("kafka"));
        upstream = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        upstream.createContext("/report", ex -> {
            byte[] body = ex.getRequestBody().readAllBytes();
            if (refuseNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                refused.incrementAndGet();
                ex.sendResponseHeaders(503, -1);
                ex.close();
                return;
            }
            for (JsonNode c : JSON.readTree(body).get("changes")) {
                reports.merge(c.get("nodeId").asText() + ":" + c.get("sequence").asLong(), 1, Integer::sum);
                changes.add(c);
            }
            ex.sendResponseHeaders(204, -1);
            ex.close();
        });
        upstream.start();
    }

    @AfterAll
    void stop() throws Exception {
        upstream.stop(0);
        kafka.close();
    }

    NodeConfig config() {
        return TestNodes.config(dir.resolve("node"), PREFIX).withStream(StreamSettings.defaults()
                .withKafka(kafka.bootstrapServers()).withKafkaTopic("up").withNodeId("node-u")
                .withUpstreamUrl("http://127.0.0.1:" + upstream.getAddress().getPort() + "/report"));
    }

    static void write(Node node, String handle, String url) {
        // Through the store with an event, as the Registrar writes: the stream and the forwarder are under test here.
        node.store().apply(org.idnode.node.storage.StoreChange.builder()
                .put(node.keys().key(handle), org.idnode.node.storage.StoredRecord.encode(List.of(HandleValue.text(1, "URL", url))))
                .event(RegistrationEventCodec.encode(new RegistrationEvent(RegistrationEvent.Operation.PUT, handle,
                        List.of(HandleValue.text(1, "URL", url)), System.currentTimeMillis(), "300:0.NA/" + PREFIX)))
                .build());
        node.stream().publisher().wake();
    }

    @Test
    void everyChangeReachesTheUpstreamDespiteRefusalsInOrderAndNotAgainAfterARestart() throws Exception {
        long events;
        try (Node node = Node.start(config())) {
            for (int i = 0; i < 40; i++) {
                write(node, PREFIX + "/UP-" + (i % 10), "https://u/" + i); // ten handles, four changes each
            }
            events = node.store().lastSequence();
            Await.until(Duration.ofSeconds(60), "every change reported", () -> reports.size() == events);
        }
        assertEquals(3, refused.get(), "the upstream refused three reports first");
        for (long seq = 1; seq <= events; seq++) {
            assertEquals(1, reports.get("node-u:" + seq), "sequence " + seq + " reported once");
        }
        // Each handle's changes in the order made.
        Map<String, Long> lastSeen = new ConcurrentHashMap<>();
        synchronized (changes) {
            for (JsonNode c : changes) {
                if (c.get("operation").asText().equals("PUT")) {
                    long seq = c.get("sequence").asLong();
                    Long before = lastSeen.put(c.get("handle").asText(), seq);
                    assertTrue(before == null || before < seq, c.get("handle") + ": " + before + " then " + seq);
                }
            }
        }
        assertEquals("https://u/39", changes.stream().filter(c -> c.get("handle").asText().equals(PREFIX + "/UP-9"))
                .reduce((a, b) -> b).orElseThrow().get("values").get(0).get("data").get("value").asText());

        try (Node node = Node.start(config())) {
            write(node, PREFIX + "/UP-AFTER", "https://u/after");
            long now = node.store().lastSequence();
            Await.until(Duration.ofSeconds(60), "the new change reported", () -> reports.containsKey("node-u:" + now));
        }
        assertTrue(reports.values().stream().allMatch(n -> n == 1), "nothing acknowledged was reported again: " + reports);
    }
}
