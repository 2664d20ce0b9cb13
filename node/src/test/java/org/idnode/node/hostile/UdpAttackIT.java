package org.idnode.node.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.handle.hdllib.HandleResolver;
import net.handle.hdllib.HandleValue;
import org.idnode.node.Await;
import org.idnode.node.Node;
import org.idnode.node.Requests;
import org.idnode.node.TestNodes;
import org.idnode.node.config.NodeConfig;
import org.idnode.node.config.TrafficLimits;
import org.idnode.node.transport.TransportCounters.Rejection;
import org.idnode.protocol.OpCodes;
import org.idnode.protocol.ResponseCodes;
import org.idnode.protocol.message.Message;
import org.idnode.protocol.message.ResolutionResponse;
import org.idnode.protocol.message.GetSiteInfoRequest;
import org.idnode.protocol.OpFlags;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue lines 1 and 5: UDP reassembly floods, and the node as a reflector. The attacker sends from
 * 127.0.0.2 and no network is trusted, so loopback is treated like any unproven source.
 */
class UdpAttackIT {
    static final InetAddress ATTACKER = loopback(2);
    static final long UDP_BUDGET = 2L << 20;
    static final long PER_SOURCE = 256L << 10;

    @TempDir
    Path dir;
    Node node;

    static InetAddress loopback(int last) {
        try {
            return InetAddress.getByAddress(new byte[] {127, 0, 0, (byte) last});
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    Node start(int repliesPerSecond, Duration reassemblyTimeout) {
        NodeConfig c = TestNodes.config(dir, "88.118.8");
        TrafficLimits d = c.limits();
        TrafficLimits l = new TrafficLimits(d.maxConnections(), d.maxConnectionsPerAddress(), d.requestReadTimeout(),
                d.inputBufferBytes(), d.replyHighWaterBytes(), d.maxQueuedReplyBytes(), UDP_BUDGET, PER_SOURCE,
                d.udpReplyFactor(), List.of(), d.udpProofLifetime(), repliesPerSecond, d.adminMaxConnections(),
                d.maxDirectMemoryBytes());
        c = new NodeConfig(c.dataDir(), c.bind(), c.port(), c.httpPort(), null, c.prefixes(), false, 1, "test",
                c.maxFrameBytes(), c.tcpIdleTimeout(), reassemblyTimeout, c.udpMaxPendingRequests(), 8 << 20, 8 << 20, 2,
                c.adminBind(), c.adminPort(), true, null, c.shutdownGracePeriod(), l, c.auth(), c.rest(), c.stream());
        node = Node.start(c);
        TestNodes.put(node, Probe.HANDLE, List.of(org.idnode.protocol.model.HandleValue.text(1, "URL", "https://n")));
        return node;
    }

    @AfterEach
    void stop() {
        if (node != null) {
            node.close();
        }
    }

    /** The first piece of a message announcing 262,144 octets (issue line 1). */
    static byte[] firstPiece(int requestId) {
        ByteBuffer d = ByteBuffer.allocate(20 + 492);
        d.put((byte) 2).put((byte) 10).put((byte) 0x20).put((byte) 0).putInt(0).putInt(requestId).putInt(0).putInt(262_144);
        return d.array();
    }

    @Test
    void aFloodOfFirstPiecesStaysWithinTheReassemblyBudgetAndExpires() throws Exception {
        start(1_000_000, Duration.ofMillis(600));
        long directBefore = Probe.nettyDirectBytes();
        try (DatagramSocket attacker = new DatagramSocket(new InetSocketAddress(ATTACKER, 0))) {
            for (int i = 0; i < 3000; i++) {
                byte[] p = firstPiece(i + 1);
                attacker.send(new DatagramPacket(p, p.length, node.udpAddress()));
                if (i == 1500) {
                    Probe.normalClientIsServed(node); // during the attack
                }
            }
            long full = node.listeners().counters().count(Rejection.UDP_REASSEMBLY_FULL);
            Await.until(Duration.ofSeconds(10), "the flood was refused past the per-source bound",
                    () -> node.listeners().counters().count(Rejection.UDP_REASSEMBLY_FULL) > 2000);
            assertTrue(node.listeners().udpBudget().used() <= PER_SOURCE, "held " + node.listeners().udpBudget().used());
            assertTrue(full >= 0);
        }
        Probe.normalClientIsServed(node);
        // The growth of direct memory is the pieces' copies at most, not 3000 x 256 KiB (750 MiB).
        assertTrue(Probe.nettyDirectBytes() - directBefore < 64L << 20,
                "direct memory grew by " + (Probe.nettyDirectBytes() - directBefore));
        Await.until(Duration.ofSeconds(10), "unfinished requests expire and give their octets back",
                () -> node.listeners().udpBudget().used() == 0
                        && node.listeners().counters().count(Rejection.UDP_REASSEMBLY_TIMEOUT) > 0);
        Probe.normalClientIsServed(node);
    }

    /** Sends {@code d} from {@code s} and returns every datagram that comes back within {@code wait}. */
    static List<byte[]> exchange(DatagramSocket s, InetSocketAddress to, byte[] d, Duration wait) throws IOException {
        s.send(new DatagramPacket(d, d.length, to));
        List<byte[]> got = new ArrayList<>();
        s.setSoTimeout((int) wait.toMillis());
        byte[] buf = new byte[2048];
        while (true) {
            DatagramPacket p = new DatagramPacket(buf, buf.length);
            try {
                s.receive(p);
            } catch (SocketTimeoutException e) {
                return got;
            }
            got.add(java.util.Arrays.copyOf(buf, p.getLength()));
        }
    }

    @Test
    void datagramsThatAreNotWellFormedRequestsGetNoAnswer() throws Exception {
        start(1_000_000, Duration.ofSeconds(5));
        Random r = new Random(7);
        try (DatagramSocket attacker = new DatagramSocket(new InetSocketAddress(ATTACKER, 0))) {
            for (int i = 0; i < 200; i++) {
                // 20-30 octets that look like an envelope: version 2.10, a plausible length.
                ByteBuffer d = ByteBuffer.allocate(20 + r.nextInt(11));
                d.put((byte) 2).put((byte) 10).put((byte) 0).put((byte) 0).putInt(0).putInt(i).putInt(0)
                        .putInt(r.nextInt(64));
                byte[] rest = new byte[d.remaining()];
                r.nextBytes(rest);
                d.put(rest);
                attacker.send(new DatagramPacket(d.array(), d.capacity(), node.udpAddress()));
            }
            attacker.setSoTimeout(300);
            byte[] buf = new byte[2048];
            int answers = 0;
            try {
                while (answers < 1000) {
                    attacker.receive(new DatagramPacket(buf, buf.length));
                    answers++;
                }
            } catch (SocketTimeoutException expected) {
                // nothing (more) came back
            }
            assertEquals(0, answers, "replies to malformed datagrams");
        }
        long dropped = node.listeners().counters().count(Rejection.UDP_MALFORMED)
                + node.listeners().counters().count(Rejection.UDP_UNDECODABLE);
        assertEquals(200, dropped);
        Probe.normalClientIsServed(node);
    }

    @Test
    void aLargeReplyToAnUnprovenSourceIsTruncatedUntilTcpProvesTheAddress() throws Exception {
        start(1_000_000, Duration.ofSeconds(5));
        List<org.idnode.protocol.model.HandleValue> big = new ArrayList<>();
        for (int i = 1; i <= 12; i++) {
            big.add(org.idnode.protocol.model.HandleValue.text(i, "DESC", "a fairly long description number " + i
                    + " of a pump model with its plant, batch and dates"));
        }
        TestNodes.put(node, "88.118.8/BIG", big);
        byte[] request = Requests.resolution(5, "88.118.8/BIG");
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(ATTACKER, 0))) {
            List<byte[]> got = exchange(s, node.udpAddress(), request, Duration.ofMillis(500));
            assertEquals(1, got.size());
            byte[] reply = got.get(0);
            assertTrue(reply.length <= node.config().limits().udpReplyFactor() * request.length,
                    reply.length + " octets for a " + request.length + "-octet request");
            assertEquals(0x20, reply[2] & 0x20, "TC set");
            assertEquals(24, ByteBuffer.wrap(reply).getInt(16), "header only");
            assertEquals(ResponseCodes.SUCCESS, ByteBuffer.wrap(reply).getInt(24), "the header says what the answer was");
            assertEquals(1, node.listeners().counters().count(Rejection.UDP_TRUNCATED));

            // A certified site-info request (x12.6 before) is bounded the same way.
            byte[] site = Requests.frame(6, OpCodes.GET_SITE_INFO, OpFlags.CT, new GetSiteInfoRequest("/"));
            byte[] siteReply = exchange(s, node.udpAddress(), site, Duration.ofMillis(500)).get(0);
            assertTrue(siteReply.length <= node.config().limits().udpReplyFactor() * site.length);

            // A TCP handshake from that address proves it: the same request is answered whole.
            try (Socket tcp = new Socket()) {
                tcp.bind(new InetSocketAddress(ATTACKER, 0));
                tcp.connect(node.tcpAddress(), 5000);
                tcp.setSoTimeout(5000);
                tcp.getOutputStream().write(Requests.resolution(8, Probe.HANDLE));
                byte[] env = tcp.getInputStream().readNBytes(20); // answered: the connection was admitted
                assertEquals(8, ByteBuffer.wrap(env).getInt(8));
            }
            List<byte[]> whole = exchange(s, node.udpAddress(), request, Duration.ofMillis(500));
            int total = whole.stream().mapToInt(b -> b.length - 20).sum();
            assertEquals(ByteBuffer.wrap(whole.get(0)).getInt(16), total, "every slice of the whole reply");
            assertTrue(total > 492, "a multi-datagram reply");
        }
    }

    @Test
    void theOfficialClientGetsTheWholeRecordViaTcpAfterATruncatedUdpReply() throws Exception {
        start(1_000_000, Duration.ofSeconds(5));
        List<org.idnode.protocol.model.HandleValue> big = new ArrayList<>();
        for (int i = 1; i <= 8; i++) {
            big.add(org.idnode.protocol.model.HandleValue.text(i, "DESC", "value " + i + " of a record too big for UDP here"));
        }
        TestNodes.put(node, "88.118.8/BIG", big);
        // The node's own HS_SITE, as a client that found it would use it: UDP first, then TCP.
        net.handle.hdllib.SiteInfo site = new net.handle.hdllib.SiteInfo();
        net.handle.hdllib.Encoder.decodeSiteInfoRecord(org.idnode.protocol.codec.SiteInfoCodec.encode(node.siteInfo()), 0, site);
        HandleResolver resolver = new HandleResolver();
        resolver.setSessionTracker(null);
        resolver.setCache(null);
        resolver.setPreferredProtocols(new int[] {net.handle.hdllib.Interface.SP_HDL_UDP, net.handle.hdllib.Interface.SP_HDL_TCP});
        net.handle.hdllib.ResolutionRequest req = new net.handle.hdllib.ResolutionRequest(
                net.handle.hdllib.Util.encodeString("88.118.8/BIG"), null, null, null);
        long t0 = System.nanoTime();
        net.handle.hdllib.AbstractResponse res = resolver.sendRequestToSite(req, site);
        assertEquals(net.handle.hdllib.AbstractMessage.RC_SUCCESS, res.responseCode);
        HandleValue[] values = ((net.handle.hdllib.ResolutionResponse) res).getHandleValues();
        assertEquals(8, values.length);
        assertTrue(System.nanoTime() - t0 < Duration.ofMillis(1500).toNanos(), "no UDP timeout was waited out");
        assertTrue(node.listeners().counters().count(Rejection.UDP_TRUNCATED) >= 1, "the UDP reply was truncated");
    }

    @Test
    void oneSourceDrawsAtMostItsReplyRate() throws Exception {
        start(50, Duration.ofSeconds(5));
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(ATTACKER, 0))) {
            s.setReceiveBufferSize(1 << 20);
            long t0 = System.nanoTime();
            for (int i = 0; i < 500; i++) {
                byte[] d = Requests.resolution(i + 1, Probe.HANDLE);
                s.send(new DatagramPacket(d, d.length, node.udpAddress()));
            }
            s.setSoTimeout(300);
            int replies = 0;
            byte[] buf = new byte[2048];
            try {
                while (replies < 1000) {
                    s.receive(new DatagramPacket(buf, buf.length));
                    replies++;
                }
            } catch (SocketTimeoutException expected) {
                // all that came
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            // The burst (50) plus what refilled at 50/s while the 500 were sent and answered: far below 500
            // however slow the machine (the receive timeout of 300 ms is in the elapsed time too).
            assertTrue(replies >= 50 && replies <= 50 + 50 * seconds + 5, replies + " replies in " + seconds + " s");
            assertTrue(replies < 500);
            assertEquals(500 - replies, node.listeners().counters().count(Rejection.UDP_RATE_LIMITED));
        }
        Probe.normalClientIsServed(node); // another address (127.0.0.1) has its own budget
    }

    static Message decode(byte[] b) {
        return Requests.decode(b);
    }

    static ResolutionResponse body(Message m) {
        return (ResolutionResponse) m.body();
    }
}
