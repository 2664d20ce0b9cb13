package org.idnode.node.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.idnode.node.Node;
import org.idnode.node.Requests;
import org.idnode.node.TestNodes;
import org.idnode.node.config.NodeConfig;
import org.idnode.protocol.model.HandleValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AccessLogIT {
    static final Pattern LINE = Pattern.compile(
            "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z 127\\.0\\.0\\.1:\\d+ (udp|tcp|http|rest) (-|\\d+) \\d+ \\S+ \\d+ \\d+");

    @TempDir
    Path dir;

    @Test
    void writesOneLinePerRequest() throws Exception {
        Path log = dir.resolve("logs").resolve("access.log");
        try (Node node = Node.start(TestNodes.config(dir.resolve("data"), "88.118.8").withAccessLog(log))) {
            TestNodes.put(node, "88.118.8/A", List.of(HandleValue.text(1, "URL", "https://a")));
            TestNodes.put(node, "88.118.8/a b", List.of(HandleValue.text(1, "URL", "https://b")));
            try (DatagramSocket udp = new DatagramSocket()) {
                udp.setSoTimeout(5000);
                for (int i = 1; i <= 5; i++) {
                    byte[] req = Requests.resolution(i, "88.118.8/A");
                    udp.send(new DatagramPacket(req, req.length, node.udpAddress()));
                    udp.receive(new DatagramPacket(new byte[1024], 1024));
                }
            }
            try (Socket tcp = new Socket(node.tcpAddress().getAddress(), node.tcpAddress().getPort())) {
                tcp.setSoTimeout(5000);
                tcp.getOutputStream().write(Requests.resolution(42, "88.118.8/NOPE"));
                tcp.getInputStream().readNBytes(20);
            }
            assertEquals(200, MetricsEndpointIT.get(node.httpAddress(), "/api/handles/88.118.8/a%20b").statusCode());
            int n = 7;
            assertTrue(node.accessLog().awaitWritten(n, Duration.ofSeconds(10)), "7 lines written in time");
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            assertEquals(n, lines.size(), String.join("\n", lines));
            for (String line : lines) {
                assertTrue(LINE.matcher(line).matches(), line);
            }
            String[] udp = lines.stream().filter(l -> l.contains(" udp 3 ")).findFirst().orElseThrow().split(" ");
            assertEquals(List.of("udp", "3", "1", "88.118.8/A", "1"), List.of(udp).subList(2, 7));
            String[] tcp = lines.stream().filter(l -> l.contains(" tcp ")).findFirst().orElseThrow().split(" ");
            assertEquals(List.of("tcp", "42", "1", "88.118.8/NOPE", "100"), List.of(tcp).subList(2, 7));
            String[] rest = lines.stream().filter(l -> l.contains(" rest ")).findFirst().orElseThrow().split(" ");
            assertEquals(List.of("rest", "-", "1", "88.118.8/a%20b", "1"), List.of(rest).subList(2, 7),
                    "the space in the handle is encoded, so fields never split");
            assertEquals(0, node.accessLog().dropped());
        }
    }

    @Test
    void isOffByDefaultAndWritesNoFile() throws Exception {
        assertNull(NodeConfig.defaults().accessLog());
        try (Node node = TestNodes.start(dir, "88.118.8")) {
            assertNull(node.accessLog());
            assertEquals(200, MetricsEndpointIT.get(node.adminAddress(), "/health").statusCode());
        }
        try (Stream<Path> files = Files.walk(dir)) {
            assertEquals(List.of(), files.filter(p -> p.getFileName().toString().contains("access")).toList());
        }
    }
}
