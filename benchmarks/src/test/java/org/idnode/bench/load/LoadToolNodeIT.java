package org.idnode.bench.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.idnode.node.Node;
import org.idnode.node.config.NodeConfig;
import org.idnode.node.storage.StoredRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The tool against a real node on loopback, holding records of the {@code idnode gen} pattern. */
class LoadToolNodeIT {
    private static final String PREFIX = "88.118.8";
    private static final int RECORDS = 200;

    @TempDir
    static Path dir;
    private static Node node;

    @BeforeAll
    static void startNode() {
        node = Node.start(NodeConfig.defaults().withDataDir(dir.resolve("node")).withPorts(0, 0).withAdminPort(0)
                .withPrefixes(List.of(PREFIX)));
        KeySpace keys = KeySpace.generated(PREFIX, 1, RECORDS); // the tool's default --start, as idnode gen's
        for (int i = 0; i < RECORDS; i++) {
            String h = keys.handle(i);
            node.store().apply(org.idnode.node.storage.StoreChange.put(node.keys().key(h), StoredRecord.encode(CannedReplies.values(i))));
        }
    }

    @AfterAll
    static void stopNode() {
        if (node != null) {
            node.close();
        }
    }

    private static ToolRun run(String... args) throws IOException {
        String[] common = {"--port", String.valueOf(node.tcpAddress().getPort()),
                "--http-port", String.valueOf(node.httpAddress().getPort()),
                "--prefix", PREFIX, "--count", String.valueOf(RECORDS), "--expect-values", "2",
                "--warmup", "0s", "--timeout", "1s", "--threads", "1", "--max-error-ratio", "0"};
        String[] all = new String[common.length + args.length];
        System.arraycopy(common, 0, all, 0, common.length);
        System.arraycopy(args, 0, all, common.length, args.length);
        return ToolRun.of(dir, all);
    }

    @ParameterizedTest
    @ValueSource(strings = {"udp", "tcp", "tcp-oneshot", "http"})
    void shortRunOnEachTransportCountsNoErrors(String transport) throws IOException {
        ToolRun r = run("-t", transport, "--duration", "2s", "--connections", "2", "--in-flight", "8",
                "--miss-ratio", "0.2", "--zipf", "1.1");
        assertEquals(0, r.exit(), r::toString);
        assertEquals(0, r.json().path("errors").asLong(), r::toString);
        assertTrue(r.json().path("requests").asLong() > 0, r::toString);
        assertEquals(r.json().path("requests").asLong(), r.json().path("ok").asLong(), r::toString);
        assertTrue(r.json().path("latencyMicros").path("p99").asDouble() > 0, r::toString);
        assertTrue(r.out().contains("PASSED"), r::toString);
    }

    @Test
    void openLoopKeepsTheOfferedRate() throws IOException {
        ToolRun r = run("-t", "udp", "--duration", "1s", "--rate", "2000", "--connections", "2");
        assertEquals(0, r.exit(), r::toString);
        assertEquals("open", r.json().path("mode").asText());
        // 2000/s for about a second; generous bounds, the machine is shared.
        long n = r.json().path("requests").asLong();
        assertTrue(n > 1000 && n < 3000, r::toString);
    }

    @Test
    void readsHandlesFromAFile() throws IOException {
        Path handles = dir.resolve("handles.txt");
        Files.writeString(handles, PREFIX + "/ID-000000001\n" + PREFIX + "/ID-000000200\n");
        ToolRun r = ToolRun.of(dir, "-t", "tcp", "--port", String.valueOf(node.tcpAddress().getPort()),
                "--handles", handles.toString(), "--expect-values", "2", "--duration", "500ms", "--warmup", "0s",
                "--threads", "1", "--miss-ratio", "0.5");
        assertEquals(0, r.exit(), r::toString);
        assertTrue(r.json().path("requests").asLong() > 0, r::toString);
    }
}
