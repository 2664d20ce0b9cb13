package org.idnode.node.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.idnode.node.Await;
import org.idnode.node.Node;
import org.idnode.node.Requests;
import org.idnode.node.TestNodes;
import org.idnode.node.config.NodeConfig;
import org.idnode.node.config.TrafficLimits;
import org.idnode.node.transport.TransportCounters;
import org.idnode.node.transport.TransportCounters.Rejection;
import org.idnode.protocol.ResponseCodes;
import org.idnode.protocol.model.HandleValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue lines 2, 3, 4 and 7: incomplete frames, peers that do not read, too many connections,
 * slowloris, oversized and odd HTTP. Attackers connect from 127.0.0.2 and up; the normal client
 * from 127.0.0.1.
 */
class StreamAttackIT {
    static final long INPUT_BUDGET = 4L << 20;
    static final int PER_ADDRESS = 40;

    @TempDir
    Path dir;
    Node node;
    final List<Socket> sockets = new ArrayList<>();

    Node start(Duration requestReadTimeout) {
        NodeConfig c = TestNodes.config(dir, "88.118.8");
        TrafficLimits d = c.limits();
        TrafficLimits l = new TrafficLimits(200, PER_ADDRESS, requestReadTimeout, INPUT_BUDGET, 64 << 10, 1 << 20,
                d.udpReassemblyBytes(), d.udpReassemblyBytesPerSource(), d.udpReplyFactor(), d.udpTrustedNetworks(),
                d.udpProofLifetime(), d.udpRepliesPerSecond(), 4, d.maxDirectMemoryBytes());
        node = Node.start(c.withLimits(l));
        TestNodes.put(node, Probe.HANDLE, List.of(HandleValue.text(1, "URL", "https://n"),
                HandleValue.text(2, "DESC", "a normal record with a few values for the replies to have some size")));
        return node;
    }

    @AfterEach
    void stop() throws IOException {
        for (Socket s : sockets) {
            s.close();
        }
        if (node != null) {
            node.close();
        }
    }

    TransportCounters counters() {
        return node.listeners().counters();
    }

    Socket connect(int from, InetSocketAddress to) throws IOException {
        Socket s = new Socket();
        sockets.add(s);
        s.bind(new InetSocketAddress(UdpAttackIT.loopback(from), 0));
        s.connect(to, 5000);
        s.setSoTimeout(5000);
        return s;
    }

    /** True if the peer closed {@code s} (end of stream or reset) within its read timeout, after any reply. */
    static boolean closedByPeer(Socket s) {
        try {
            InputStream in = s.getInputStream();
            byte[] buf = new byte[4096];
            while (true) {
                if (in.read(buf) < 0) {
                    return true;
                }
            }
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true; // reset
        }
    }

    @Test
    void incompleteFramesAreHeldOnlyUpToTheInputBudget() throws Exception {
        start(Duration.ofSeconds(2));
        byte[] frame = Requests.resolution(1, Probe.HANDLE);
        List<Socket> attackers = new ArrayList<>();
        for (int i = 0; i < 36; i++) {
            Socket s = connect(2, node.tcpAddress());
            ByteBuffer b = ByteBuffer.allocate(262_144);
            b.put(frame, 0, 16).putInt(262_124); // announces 262,124 octets ...
            try {
                s.getOutputStream().write(b.array(), 0, 20 + 262_124 - 1); // ... and sends all but the last
            } catch (IOException refused) {
                // closed by the node while we were still writing
            }
            attackers.add(s);
            assertTrue(node.listeners().inputBudget().used() <= INPUT_BUDGET);
        }
        Probe.normalClientIsServed(node); // during the attack
        assertTrue(counters().count(Rejection.TCP_INPUT_BUDGET) >= 36 - INPUT_BUDGET / 262_143,
                "refused: " + counters().count(Rejection.TCP_INPUT_BUDGET));
        // Those that fit are closed at the request deadline and give their octets back.
        Await.until(Duration.ofSeconds(10), "unfinished frames time out",
                () -> node.listeners().inputBudget().used() == 0 && counters().count(Rejection.TCP_SLOW_REQUEST) > 0);
        for (Socket s : attackers) {
            assertTrue(closedByPeer(s));
        }
        Probe.normalClientIsServed(node);
    }

    @Test
    void slowPeersAndSilentConnectionsAreClosedAtTheRequestDeadline() throws Exception {
        start(Duration.ofMillis(800));
        Socket silent = connect(2, node.tcpAddress());
        Socket slowTcp = connect(2, node.tcpAddress());
        Socket slowHttp = connect(2, node.httpAddress());
        byte[] frame = Requests.resolution(1, Probe.HANDLE);
        byte[] get = "GET /api/handles/88.118.8/NORMAL HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        long end = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        int sent = 0;
        boolean tcpClosed = false;
        boolean httpClosed = false;
        // One octet every 100 ms: never idle, never a whole request.
        while (System.nanoTime() < end && !(tcpClosed && httpClosed) && sent < frame.length - 1) {
            try {
                slowTcp.getOutputStream().write(frame[sent]);
            } catch (IOException e) {
                tcpClosed = true;
            }
            try {
                slowHttp.getOutputStream().write(get[sent]);
            } catch (IOException e) {
                httpClosed = true;
            }
            sent++;
            Thread.sleep(100); // the attack's own pace, not a wait for the node
        }
        assertTrue(closedByPeer(slowTcp), "slow TCP peer closed");
        assertTrue(closedByPeer(slowHttp), "slow HTTP peer closed");
        assertTrue(closedByPeer(silent), "silent connection closed");
        assertTrue(sent < frame.length - 1, "closed before the request could complete: " + sent + " octets sent");
        assertEquals(2, counters().count(Rejection.TCP_SLOW_REQUEST));
        assertEquals(1, counters().count(Rejection.HTTP_SLOW_REQUEST));
        Probe.normalClientIsServed(node);
    }

    @Test
    void connectionsAreLimitedPerAddressAndInTotalAndTheAdminPortStaysReachable() throws Exception {
        start(Duration.ofSeconds(30));
        List<Socket> fromOne = new ArrayList<>();
        for (int i = 0; i < PER_ADDRESS + 20; i++) {
            fromOne.add(connect(3, node.tcpAddress()));
        }
        Await.until(Duration.ofSeconds(10), "connections over the per-address limit refused",
                () -> counters().count(Rejection.TCP_CONNECTIONS_PER_ADDRESS) == 20);
        assertEquals(PER_ADDRESS, node.listeners().tcpConnections().openFrom(UdpAttackIT.loopback(3)));
        Probe.normalClientIsServed(node); // another address still gets in

        // Fill the total (200) from more addresses: the listener is full, the admin port is not.
        for (int a = 4; a < 9; a++) {
            for (int i = 0; i < PER_ADDRESS; i++) {
                connect(a, node.tcpAddress());
            }
        }
        Await.until(Duration.ofSeconds(10), "connections over the total refused",
                () -> counters().count(Rejection.TCP_CONNECTIONS) == 40);
        assertEquals(200, node.listeners().tcpConnections().open());
        Probe.adminAnswers(node);
        // UDP and HTTP have budgets of their own.
        assertEquals(ResponseCodes.SUCCESS, new org.idnode.protocol.client.HandleClient()
                .resolve(org.idnode.protocol.client.Transport.UDP, node.udpAddress(), Probe.HANDLE).header().responseCode());
        assertEquals(200, Probe.http("http://127.0.0.1:" + node.httpAddress().getPort() + "/api/handles/" + Probe.HANDLE)
                .statusCode());
        for (Socket s : sockets) {
            s.close();
        }
        sockets.clear();
        Await.until(Duration.ofSeconds(10), "closed connections give their places back",
                () -> node.listeners().tcpConnections().open() == 0);
        Probe.normalClientIsServed(node);
    }

    @Test
    void theAdminPortHasItsOwnSmallBudget() throws Exception {
        start(Duration.ofSeconds(30));
        for (int i = 0; i < 10; i++) {
            connect(2, node.adminAddress());
        }
        Await.until(Duration.ofSeconds(10), "admin connections over its budget refused",
                () -> counters().count(Rejection.ADMIN_CONNECTIONS) == 6);
    }

    /**
     * Writes {@code request} again and again on a non-blocking connection that never reads, for at
     * most {@code time}; returns the octets the node accepted (or -1 if it closed the connection).
     */
    static long pipelineWithoutReading(InetSocketAddress to, byte[] request, long maxOctets, Duration time)
            throws IOException {
        try (SocketChannel ch = SocketChannel.open()) {
            ch.bind(new InetSocketAddress(UdpAttackIT.loopback(2), 0));
            ch.connect(to);
            ch.configureBlocking(false);
            ByteBuffer block = ByteBuffer.allocate(request.length * 1000);
            for (int i = 0; i < 1000; i++) {
                block.put(request);
            }
            long written = 0;
            long end = System.nanoTime() + time.toNanos();
            while (written < maxOctets && System.nanoTime() < end) {
                block.rewind();
                while (block.hasRemaining() && System.nanoTime() < end) {
                    int n;
                    try {
                        n = ch.write(block);
                    } catch (IOException closed) {
                        return -1;
                    }
                    written += n;
                    if (n == 0) {
                        Thread.onSpinWait();
                    }
                }
            }
            return written;
        }
    }

    @Test
    void aTcpPeerThatDoesNotReadItsRepliesIsPausedNotBuffered() throws Exception {
        start(Duration.ofSeconds(30));
        long before = Probe.nettyDirectBytes();
        byte[] request = Requests.resolution(9, Probe.HANDLE);
        long all = 1_000_000L * request.length;
        long written = pipelineWithoutReading(node.tcpAddress(), request, all, Duration.ofSeconds(3));
        long grew = Probe.nettyDirectBytes() - before;
        assertTrue(written < all, "the node stopped reading from a peer that does not read (" + written + " of " + all + ")");
        assertTrue(grew < 16L << 20, "direct memory grew by " + grew);
        Probe.normalClientIsServed(node);
        Await.until(Duration.ofSeconds(10), "memory given back after the peer left",
                () -> Probe.nettyDirectBytes() - before < 4L << 20);
    }

    @Test
    void anHttpPeerThatPipelinesWithoutReadingIsPausedNotBuffered() throws Exception {
        start(Duration.ofSeconds(30));
        long before = Probe.nettyDirectBytes();
        byte[] get = ("GET /api/handles/" + Probe.HANDLE + " HTTP/1.1\r\nHost: x\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        long all = 200_000L * get.length;
        long written = pipelineWithoutReading(node.httpAddress(), get, all, Duration.ofSeconds(3));
        long grew = Probe.nettyDirectBytes() - before;
        assertTrue(written < all, "the node stopped reading (" + written + " of " + all + ")");
        assertTrue(grew < 16L << 20, "direct memory grew by " + grew);
        Probe.normalClientIsServed(node);
    }

    @Test
    void aHugeHttpBodyIsRefusedAndTheConnectionClosedWithoutReadingIt() throws Exception {
        start(Duration.ofSeconds(30));
        Socket s = connect(2, node.httpAddress());
        OutputStream out = s.getOutputStream();
        out.write(("PUT /api/handles/88.118.8/X HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                + "Content-Length: 104857600\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        String head = new String(s.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);
        assertEquals("HTTP/1.1 413", head);
        long sent = 0;
        byte[] chunk = new byte[64 << 10];
        try {
            while (sent < 100L << 20) {
                out.write(chunk);
                sent += chunk.length;
            }
        } catch (IOException closed) {
            // the node closed the connection: the rest of the body is never read
        }
        assertTrue(sent < 50L << 20, "sent " + sent + " octets before the connection closed");
        assertEquals(1, counters().count(Rejection.HTTP_OVERSIZED));
    }

    @Test
    void aClientThatSendsItsWholeOversizedBodyBeforeReadingStillGetsThe413() throws Exception {
        start(Duration.ofSeconds(30));
        Socket s = connect(2, node.httpAddress());
        OutputStream out = s.getOutputStream();
        int body = 2 << 20;
        out.write(("PUT /api/handles/88.118.8/X HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                + "Content-Length: " + body + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(new byte[body]); // as java.net.http does: the whole body first, then the answer
        out.flush();
        String answer = new String(s.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
        assertTrue(answer.startsWith("HTTP/1.1 413"), answer);
        assertTrue(answer.contains("request body over"), answer);
    }

    @Test
    void anUnknownHttpVersionIsAnswered505() throws Exception {
        start(Duration.ofSeconds(30));
        Socket s = connect(2, node.httpAddress());
        s.getOutputStream().write("GET /api/site HTTP/9.9\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        String head = new String(s.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);
        assertEquals("HTTP/1.1 505", head);
        assertTrue(closedByPeer(s));
        assertEquals(1, counters().count(Rejection.HTTP_VERSION));
    }
}
