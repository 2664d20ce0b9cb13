package org.idnode.node.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.idnode.node.NodeProcess;
import org.idnode.node.Requests;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue lines 1–3 against a real node process with a small heap (-Xmx256m), measured the way the
 * attacks were reported: the process's resident memory (VmRSS), before and after the floods, while a
 * normal client keeps being served.
 */
class ProcessMemoryIT {

    @TempDir
    Path dir;

    static long rssBytes(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
            }
        }
        throw new IllegalStateException("no VmRSS");
    }

    @Test
    void floodsOfPiecesUnfinishedFramesAndUnreadRepliesKeepResidentMemoryBounded() throws Exception {
        NodeProcess p = NodeProcess.start(dir, Map.of("IDNODE_REQUEST_READ_TIMEOUT", "30s"), // frames stay for the measurement
                "--prefix", "88.118.8", "--demo");
        List<Socket> attackers = new ArrayList<>();
        try {
            int udp = p.udpPort();
            int tcp = p.tcpPort();
            int http = p.httpPort();
            String url = "http://127.0.0.1:" + http + "/api/handles/88.118.8/PUMP-2024-000017";
            assertEquals(200, Probe.http(url).statusCode());
            long before = rssBytes(p.pid());

            // Line 1: 3,000 first pieces of messages announcing 262,144 octets.
            InetSocketAddress udpAt = new InetSocketAddress("127.0.0.1", udp);
            try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(UdpAttackIT.loopback(2), 0))) {
                for (int i = 0; i < 3000; i++) {
                    byte[] d = UdpAttackIT.firstPiece(i + 1);
                    s.send(new DatagramPacket(d, d.length, udpAt));
                }
            }
            // Line 2: 200 connections (from 4 addresses) each sending all but the last octet of a 262,144-octet frame.
            byte[] frame = Requests.resolution(1, "88.118.8/PUMP-2024-000017");
            ByteBuffer big = ByteBuffer.allocate(262_144);
            big.put(frame, 0, 16).putInt(262_124);
            for (int i = 0; i < 200; i++) {
                Socket s = new Socket();
                attackers.add(s);
                s.bind(new InetSocketAddress(UdpAttackIT.loopback(3 + i % 4), 0));
                s.connect(new InetSocketAddress("127.0.0.1", tcp), 5000);
                try {
                    s.getOutputStream().write(big.array(), 0, 20 + 262_124 - 1);
                } catch (IOException refused) {
                    // the input budget is spent: RC 3 and closed
                }
            }
            // Line 3: one connection pipelining without reading.
            StreamAttackIT.pipelineWithoutReading(new InetSocketAddress("127.0.0.1", tcp), frame, 40_000_000L,
                    Duration.ofSeconds(3));

            assertEquals(200, Probe.http(url).statusCode(), "a normal client is served right after");
            long after = rssBytes(p.pid());
            // Before the limits: 1.5 GB with a 512 MiB heap. Now the budgets bound what peers hold.
            assertTrue(after < 512L << 20, "resident " + (after >> 20) + " MiB");
            assertTrue(after - before < 160L << 20, "grew " + ((after - before) >> 20) + " MiB (from " + (before >> 20) + ")");
        } finally {
            for (Socket s : attackers) {
                s.close();
            }
            p.close();
        }
    }
}
