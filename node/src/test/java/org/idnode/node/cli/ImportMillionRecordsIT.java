package org.idnode.node.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.idnode.node.Node;
import org.idnode.node.config.NodeConfig;
import org.idnode.node.importer.SyntheticRecords;
import org.idnode.protocol.ResponseCodes;
import org.idnode.protocol.client.HandleClient;
import org.idnode.protocol.client.Transport;
import org.idnode.protocol.message.Message;
import org.idnode.protocol.message.ResolutionResponse;
import org.idnode.protocol.model.HandleValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A million generated identifiers: gen, import, then a node serves them over TCP and UDP. */
class ImportMillionRecordsIT {
    static final String PREFIX = "88.118.8";
    static final int COUNT = 1_000_000;
    static final long SEED = 2024;

    @TempDir
    Path dir;

    @Test
    void importsAMillionGeneratedRecordsThatTheNodeThenResolves() throws Exception {
        Path gen = dir.resolve("million.jsonl");
        Cli.Result g = Cli.run("gen", "--prefix", PREFIX, "--count", String.valueOf(COUNT), "--seed", String.valueOf(SEED),
                "--out", gen.toString());
        assertEquals(0, g.exit(), g.toString());
        Path data = dir.resolve("data");
        long t0 = System.nanoTime();
        Cli.Result imp = Cli.run("import", "--quiet", "--create", "--data-dir", data.toString(), gen.toString());
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertEquals(0, imp.exit(), imp.toString());
        assertTrue(imp.out().contains("imported 1,000,000 records from 1,000,000 lines"), imp.out());
        System.out.printf("ImportMillionRecordsIT: gen %s; import %d ms in-process; %s%n", g.err().strip(), ms, imp.out().strip());
        Files.delete(gen);

        try (Node node = Node.start(NodeConfig.defaults().withDataDir(data).withPorts(0, 0).withAdminPort(0)
                .withPrefixes(List.of(PREFIX)))) {
            HandleClient client = new HandleClient();
            InetSocketAddress tcp = node.tcpAddress();
            InetSocketAddress udp = node.udpAddress();
            Random random = new Random(SEED);
            for (int i = 0; i < 1000; i++) {
                long n = 1 + random.nextInt(COUNT);
                String handle = SyntheticRecords.handle(PREFIX, n);
                for (Transport via : new Transport[] {Transport.TCP, Transport.UDP}) {
                    Message m = client.resolve(via, via == Transport.TCP ? tcp : udp, handle);
                    assertEquals(ResponseCodes.SUCCESS, m.header().responseCode(), handle + " over " + via);
                    ResolutionResponse r = (ResolutionResponse) m.body();
                    assertEquals(handle, r.handle());
                    List<HandleValue> expected = SyntheticRecords.values(PREFIX, n, SEED);
                    assertEquals(expected, r.values().stream().map(v -> v.withTimestamp(0)).toList(), handle + " over " + via);
                    assertTrue(r.values().stream().allMatch(v -> v.timestamp() > 0), "import time stamped");
                }
            }
            Message beyond = client.resolve(Transport.TCP, tcp, SyntheticRecords.handle(PREFIX, COUNT + 1));
            assertEquals(ResponseCodes.HANDLE_NOT_FOUND, beyond.header().responseCode());
        }
    }
}
