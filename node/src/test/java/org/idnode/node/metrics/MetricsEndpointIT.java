package org.idnode.node.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.idnode.node.Node;
import org.idnode.node.Requests;
import org.idnode.node.TestNodes;
import org.idnode.protocol.ResponseCodes;
import org.idnode.protocol.model.HandleValue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The admin port of a running node after a known set of requests: 7 hits over UDP (after one
 * undecodable datagram), 3 misses over TCP, 2 REST hits; then exact counters, the histogram, the
 * RocksDB and JVM figures, /health and /ready. Admin requests are not counted, so the tests of this
 * class only read.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MetricsEndpointIT {
    static final String HIT = "88.118.8/PUMP-1";
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    static Path dir;
    Node node;
    int udpRequestBytes;
    Scrape scrape;

    @BeforeAll
    void startAndSendKnownRequests() throws Exception {
        node = TestNodes.start(dir, "88.118.8");
        TestNodes.put(node, HIT, List.of(HandleValue.text(1, "URL", "https://example.com/pump/1")));
        try (DatagramSocket udp = new DatagramSocket()) {
            udp.setSoTimeout(5000);
            byte[] garbage = {1, 2, 3};
            udp.send(new DatagramPacket(garbage, garbage.length, node.udpAddress()));
            for (int i = 1; i <= 7; i++) {
                byte[] req = Requests.resolution(i, HIT);
                udpRequestBytes += req.length;
                udp.send(new DatagramPacket(req, req.length, node.udpAddress()));
                byte[] buf = new byte[1024];
                DatagramPacket reply = new DatagramPacket(buf, buf.length);
                udp.receive(reply); // same socket, same server socket and event loop: the garbage came first
                assertEquals(ResponseCodes.SUCCESS, ByteBuffer.wrap(buf).getInt(24));
            }
        }
        try (Socket tcp = new Socket(node.tcpAddress().getAddress(), node.tcpAddress().getPort())) {
            tcp.setSoTimeout(5000);
            OutputStream out = tcp.getOutputStream();
            for (int i = 1; i <= 3; i++) {
                out.write(Requests.resolution(100 + i, "88.118.8/MISSING-" + i));
            }
            out.flush();
            DataInputStream in = new DataInputStream(tcp.getInputStream());
            for (int i = 0; i < 3; i++) {
                byte[] env = new byte[20];
                in.readFully(env);
                byte[] message = new byte[ByteBuffer.wrap(env).getInt(16)];
                in.readFully(message);
                assertEquals(ResponseCodes.HANDLE_NOT_FOUND, ByteBuffer.wrap(message).getInt(4));
            }
        }
        for (int i = 0; i < 2; i++) {
            assertEquals(200, get(node.httpAddress(), "/api/handles/" + HIT).statusCode());
        }
        HttpResponse<String> metrics = get(node.adminAddress(), "/metrics");
        assertEquals(200, metrics.statusCode(), metrics.body());
        assertEquals("text/plain; version=0.0.4; charset=utf-8", metrics.headers().firstValue("content-type").orElse(""));
        scrape = Scrape.parse(metrics.body());
    }

    @AfterAll
    void stop() {
        node.close();
    }

    static HttpResponse<String> get(InetSocketAddress at, String path) throws Exception {
        URI uri = URI.create("http://127.0.0.1:" + at.getPort() + path);
        return HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void countsRequestsByTransportOpcodeAndResponseCode() {
        assertEquals(7.0, scrape.value("idnode_requests_total", "transport", "udp", "opcode", "1", "rc", "1").orElseThrow());
        assertEquals(3.0, scrape.value("idnode_requests_total", "transport", "tcp", "opcode", "1", "rc", "100").orElseThrow());
        assertEquals(2.0, scrape.value("idnode_requests_total", "transport", "rest", "opcode", "1", "rc", "1").orElseThrow());
        assertEquals(12.0, scrape.sum("idnode_requests_total"), "nothing else counted");
    }

    @Test
    void timesEveryRequestInTheHistogram() {
        assertEquals(12.0, scrape.sum("idnode_request_duration_seconds_count"));
        assertEquals(12.0, scrape.sum("idnode_request_duration_seconds_bucket", "le", "+Inf"));
        assertEquals(7.0, scrape.value("idnode_request_duration_seconds_count", "transport", "udp").orElseThrow());
        assertTrue(scrape.sum("idnode_request_duration_seconds_sum") > 0);
        assertTrue(scrape.find("idnode_request_duration_seconds_bucket", "transport", "tcp").size() >= 14, "SLO buckets");
        assertEquals(0.0, scrape.sum("idnode_requests_in_flight"), "none left in flight");
    }

    @Test
    void countsBytesAndRejectedInput() {
        assertEquals(udpRequestBytes, scrape.value("idnode_received_bytes_total", "transport", "udp").orElseThrow());
        assertTrue(scrape.value("idnode_sent_bytes_total", "transport", "tcp").orElseThrow() > 3 * 44);
        assertTrue(scrape.value("idnode_sent_bytes_total", "transport", "rest").orElseThrow() > 0);
        assertEquals(1.0, scrape.value("idnode_input_rejected_total", "transport", "udp", "reason", "undecodable_datagram")
                .orElseThrow());
        assertEquals(0.0, scrape.value("idnode_input_rejected_total", "transport", "tcp", "reason", "oversized_frame")
                .orElseThrow(), "every reason is there from the start");
    }

    @Test
    void exposesRocksDbFigures() {
        assertTrue(scrape.value("idnode_rocksdb_estimated_keys").orElseThrow() >= 1, "the record and the prefix handle");
        for (String name : List.of("idnode_rocksdb_live_sst_bytes", "idnode_rocksdb_pending_compaction_bytes",
                "idnode_rocksdb_block_cache_hits_total", "idnode_rocksdb_block_cache_misses_total",
                "idnode_rocksdb_row_cache_hits_total", "idnode_rocksdb_row_cache_misses_total",
                "idnode_rocksdb_write_stall_seconds_total")) {
            assertTrue(scrape.value(name).orElseThrow(() -> new AssertionError(name + " missing")) >= 0, name);
        }
    }

    @Test
    // jvm_gc_max_data_size_bytes, not the GC pause timer: that one only appears after a first GC.
    void exposesJvmProcessAndNettyFigures() {
        for (String name : List.of("jvm_memory_used_bytes", "jvm_gc_max_data_size_bytes", "jvm_threads_live_threads",
                "jvm_classes_loaded_classes", "process_cpu_usage", "system_cpu_count", "process_uptime_seconds",
                "process_files_open_files", "netty_allocator_memory_used")) {
            assertTrue(!scrape.find(name).isEmpty() || scrape.types().containsKey(name), name + " missing");
        }
    }

    /** Prometheus conventions: snake_case, counters end in _total, units in the name (CoreDNS lints the same). */
    @Test
    void metricNamesFollowPrometheusConventions() {
        Pattern snake = Pattern.compile("idnode_[a-z0-9]+(_[a-z0-9]+)*");
        scrape.types().forEach((name, type) -> {
            if (!name.startsWith("idnode_")) {
                return;
            }
            assertTrue(snake.matcher(name).matches(), name);
            if (type.equals("counter")) {
                assertTrue(name.endsWith("_total"), name);
            }
            if (type.equals("histogram")) {
                assertTrue(name.endsWith("_seconds"), name);
            }
        });
    }

    @Test
    void healthIsOkAndReadyIsReady() throws Exception {
        HttpResponse<String> health = get(node.adminAddress(), "/health");
        assertEquals(200, health.statusCode());
        assertEquals("ok", health.body().trim());
        HttpResponse<String> ready = get(node.adminAddress(), "/ready");
        assertEquals(200, ready.statusCode());
        assertEquals("{\"ready\":true,\"checks\":{\"storage\":true,\"listeners\":true,\"event_loops\":true,\"budgets\":true}}", ready.body().trim());
        assertEquals(404, get(node.adminAddress(), "/nothing").statusCode());
    }
}
