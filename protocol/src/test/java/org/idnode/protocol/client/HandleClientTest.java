package org.idnode.protocol.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.idnode.protocol.Limits;
import org.idnode.protocol.ProtocolException;
import org.idnode.protocol.message.Message;
import org.idnode.protocol.message.ResolutionRequest;
import org.idnode.protocol.message.ResolutionResponse;
import org.idnode.protocol.model.Envelope;
import org.idnode.protocol.model.HandleValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The client against stub servers on loopback that misbehave in the ways §2, §3 and §17 allow or forbid. */
class HandleClientTest {
    static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    static final List<HandleValue> VALUES = List.of(HandleValue.text(1, "URL", "https://example.com/a"));

    ExecutorService stub;
    final HandleClient fast = new HandleClient(ClientOptions.defaults().withTimeout(Duration.ofSeconds(5))
            .withUdpWaits(List.of(Duration.ofMillis(300), Duration.ofMillis(300), Duration.ofMillis(300))));

    @BeforeEach
    void startExecutor() {
        stub = Executors.newCachedThreadPool();
    }

    @AfterEach
    void stopExecutor() throws Exception {
        stub.shutdownNow();
        assertTrue(stub.awaitTermination(10, TimeUnit.SECONDS));
    }

    private static byte[] receive(DatagramSocket s) throws Exception {
        DatagramPacket p = new DatagramPacket(new byte[65535], 65535);
        s.receive(p);
        return Arrays.copyOf(p.getData(), p.getLength());
    }

    @Test
    void resolvesOverUdpWithOneDatagramEachWay() throws Exception {
        try (DatagramSocket server = new DatagramSocket(0, LOOPBACK)) {
            server.setSoTimeout(10_000);
            Future<byte[]> seen = stub.submit(() -> {
                DatagramPacket p = new DatagramPacket(new byte[65535], 65535);
                server.receive(p);
                byte[] req = Arrays.copyOf(p.getData(), p.getLength());
                byte[] reply = StubServers.resolutionReply(StubServers.requestId(req), "88.1/a", VALUES);
                server.send(new DatagramPacket(reply, reply.length, p.getSocketAddress()));
                return req;
            });
            Message m = fast.resolve(Transport.UDP, (InetSocketAddress) server.getLocalSocketAddress(), "88.1/a");
            assertEquals(VALUES, ((ResolutionResponse) m.body()).values());
            Message req = StubServers.request(seen.get());
            assertEquals(new ResolutionRequest("88.1/a", List.of(), List.of()), req.body());
            assertTrue(req.envelope().requestId() > 0, "random positive request id");
        }
    }

    @Test
    void resendsOverUdpWhenTheFirstDatagramGoesUnanswered() throws Exception {
        try (DatagramSocket server = new DatagramSocket(0, LOOPBACK)) {
            server.setSoTimeout(10_000);
            Future<Long> gap = stub.submit(() -> {
                byte[] first = receive(server); // dropped
                long t = System.nanoTime();
                DatagramPacket p = new DatagramPacket(new byte[65535], 65535);
                server.receive(p);
                byte[] again = Arrays.copyOf(p.getData(), p.getLength());
                assertArrayEquals(first, again, "the same request is resent");
                byte[] reply = StubServers.resolutionReply(StubServers.requestId(again), "88.1/a", VALUES);
                server.send(new DatagramPacket(reply, reply.length, p.getSocketAddress()));
                return (System.nanoTime() - t) / 1_000_000;
            });
            Message m = fast.resolve(Transport.UDP, (InetSocketAddress) server.getLocalSocketAddress(), "88.1/a");
            assertEquals(1, m.header().responseCode());
            assertTrue(gap.get() >= 200, "resent after the first wait, not at once: " + gap.get() + " ms");
        }
    }

    @Test
    void reassemblesAReplySentAsSlicesOutOfOrderWithoutTcAndIgnoresStrayDatagrams() throws Exception {
        List<HandleValue> big = List.of(HandleValue.text(1, "DESC", "y".repeat(1200)));
        try (DatagramSocket server = new DatagramSocket(0, LOOPBACK)) {
            server.setSoTimeout(10_000);
            stub.submit(() -> {
                DatagramPacket p = new DatagramPacket(new byte[65535], 65535);
                server.receive(p);
                int id = StubServers.requestId(Arrays.copyOf(p.getData(), p.getLength()));
                byte[] stray = StubServers.resolutionReply(id + 1, "88.1/other", VALUES);
                server.send(new DatagramPacket(stray, stray.length, p.getSocketAddress()));
                byte[] whole = StubServers.resolutionReply(id, "88.1/a", big);
                List<byte[]> slices = slice(whole);
                assertEquals(3, slices.size());
                for (int i : new int[] {2, 0, 1}) {
                    server.send(new DatagramPacket(slices.get(i), slices.get(i).length, p.getSocketAddress()));
                }
                return null;
            });
            Message m = fast.resolve(Transport.UDP, (InetSocketAddress) server.getLocalSocketAddress(), "88.1/a");
            assertEquals(big, ((ResolutionResponse) m.body()).values());
        }
    }

    @Test
    void sendsARequestLongerThanOneDatagramAsSlicesWithTruncatedSet() throws Exception {
        String handle = "88.1/" + "h".repeat(1000);
        try (DatagramSocket server = new DatagramSocket(0, LOOPBACK)) {
            server.setSoTimeout(10_000);
            Future<List<byte[]>> seen = stub.submit(() -> {
                List<byte[]> got = new ArrayList<>();
                DatagramPacket p = null;
                for (int i = 0; i < 3; i++) {
                    p = new DatagramPacket(new byte[65535], 65535);
                    server.receive(p);
                    got.add(Arrays.copyOf(p.getData(), p.getLength()));
                }
                byte[] reply = StubServers.resolutionReply(StubServers.requestId(got.get(0)), handle, VALUES);
                server.send(new DatagramPacket(reply, reply.length, p.getSocketAddress()));
                return got;
            });
            fast.resolve(Transport.UDP, (InetSocketAddress) server.getLocalSocketAddress(), handle);
            List<byte[]> slices = seen.get();
            ByteArrayOutputStream whole = new ByteArrayOutputStream();
            for (int i = 0; i < 3; i++) {
                byte[] d = slices.get(i);
                assertTrue(d.length <= Limits.UDP_DATAGRAM_SIZE, "datagram of at most 512 octets");
                assertEquals(Envelope.TRUNCATED, d[2] & Envelope.TRUNCATED, "TC set");
                assertEquals(i, java.nio.ByteBuffer.wrap(d, 12, 4).getInt(), "messageId = slice number");
                assertEquals(StubServers.requestId(slices.get(0)), StubServers.requestId(d), "one request id");
                whole.write(d, Limits.ENVELOPE_SIZE, d.length - Limits.ENVELOPE_SIZE);
            }
            int length = java.nio.ByteBuffer.wrap(slices.get(0), 16, 4).getInt();
            assertEquals(length, whole.size(), "messageLength is that of the whole message");
        }
    }

    @Test
    void givesUpOverUdpAfterTheRetriesWithinTheTimeout() throws Exception {
        try (DatagramSocket server = new DatagramSocket(0, LOOPBACK)) {
            HandleClient c = new HandleClient(ClientOptions.defaults().withTimeout(Duration.ofSeconds(10))
                    .withUdpWaits(List.of(Duration.ofMillis(50), Duration.ofMillis(50), Duration.ofMillis(50))));
            long t0 = System.nanoTime();
            SocketTimeoutException e = assertThrows(SocketTimeoutException.class,
                    () -> c.resolve(Transport.UDP, (InetSocketAddress) server.getLocalSocketAddress(), "88.1/a"));
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertTrue(ms >= 150 && ms < 5000, ms + " ms");
            assertTrue(e.getMessage().contains("after 3 sends"), e.getMessage());
            HandleClient shortTimeout = new HandleClient(ClientOptions.defaults().withTimeout(Duration.ofMillis(200)));
            t0 = System.nanoTime();
            assertThrows(SocketTimeoutException.class,
                    () -> shortTimeout.resolve(Transport.UDP, (InetSocketAddress) server.getLocalSocketAddress(), "88.1/a"));
            assertTrue((System.nanoTime() - t0) / 1_000_000 < 1500, "the timeout cuts the 500/1000/1500 ms schedule short");
        }
    }

    /** Reads one envelope + message from a stub's connection. */
    private static byte[] readFrame(InputStream in) throws Exception {
        DataInputStream d = new DataInputStream(in);
        byte[] env = new byte[20];
        d.readFully(env);
        byte[] frame = Arrays.copyOf(env, 20 + java.nio.ByteBuffer.wrap(env, 16, 4).getInt());
        d.readFully(frame, 20, frame.length - 20);
        return frame;
    }

    @Test
    void resolvesOverTcp() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, LOOPBACK)) {
            stub.submit(() -> {
                try (Socket s = server.accept()) {
                    byte[] req = readFrame(s.getInputStream());
                    s.getOutputStream().write(StubServers.resolutionReply(StubServers.requestId(req), "88.1/a", VALUES));
                }
                return null;
            });
            Message m = fast.resolve(Transport.TCP, (InetSocketAddress) server.getLocalSocketAddress(), "88.1/a");
            assertEquals(VALUES, ((ResolutionResponse) m.body()).values());
        }
    }

    @Test
    void refusesATcpReplyLongerThanTheProtocolAllowsBeforeReadingIt() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, LOOPBACK)) {
            stub.submit(() -> {
                try (Socket s = server.accept()) {
                    byte[] req = readFrame(s.getInputStream());
                    byte[] env = Arrays.copyOf(StubServers.resolutionReply(StubServers.requestId(req), "88.1/a", VALUES), 20);
                    java.nio.ByteBuffer.wrap(env).putInt(16, Limits.MAX_MESSAGE_LENGTH + 1);
                    s.getOutputStream().write(env);
                    s.getInputStream().read(); // hold the connection until the client closes it
                }
                return null;
            });
            ProtocolException e = assertThrows(ProtocolException.class,
                    () -> fast.resolve(Transport.TCP, (InetSocketAddress) server.getLocalSocketAddress(), "88.1/a"));
            assertTrue(e.getMessage().contains("messageLength"), e.getMessage());
        }
    }

    @Test
    void reportsATcpConnectionClosedMidReplyAndAServerThatNeverAnswers() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 2, LOOPBACK)) {
            stub.submit(() -> {
                try (Socket s = server.accept()) {
                    byte[] req = readFrame(s.getInputStream());
                    byte[] reply = StubServers.resolutionReply(StubServers.requestId(req), "88.1/a", VALUES);
                    s.getOutputStream().write(reply, 0, reply.length - 5);
                }
                try (Socket s = server.accept()) {
                    s.getInputStream().read(new byte[4096]);
                    s.getInputStream().read(); // silent until the client gives up
                }
                return null;
            });
            InetSocketAddress at = (InetSocketAddress) server.getLocalSocketAddress();
            assertThrows(EOFException.class, () -> fast.resolve(Transport.TCP, at, "88.1/a"));
            HandleClient patient = new HandleClient(ClientOptions.defaults().withTimeout(Duration.ofMillis(300)));
            long t0 = System.nanoTime();
            assertThrows(SocketTimeoutException.class, () -> patient.resolve(Transport.TCP, at, "88.1/a"));
            assertTrue((System.nanoTime() - t0) / 1_000_000 < 3000, "bounded by the timeout");
        }
    }

    @Test
    void postsTheBinaryMessageOverHttpToThePercentEncodedHandle() throws Exception {
        String handle = "88.1/a b/\u6c34";
        try (ServerSocket server = new ServerSocket(0, 1, LOOPBACK)) {
            Future<String> head = stub.submit(() -> {
                try (Socket s = server.accept()) {
                    InputStream in = s.getInputStream();
                    ByteArrayOutputStream h = new ByteArrayOutputStream();
                    while (!h.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
                        h.write(in.read());
                    }
                    byte[] req = readFrame(in);
                    byte[] reply = StubServers.resolutionReply(StubServers.requestId(req), handle, VALUES);
                    OutputStream out = s.getOutputStream();
                    out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/x-hdl-message\r\nContent-Length: " + reply.length
                            + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.write(reply);
                    return h.toString(StandardCharsets.US_ASCII);
                }
            });
            Message m = fast.resolve(Transport.HTTP, (InetSocketAddress) server.getLocalSocketAddress(), handle);
            assertEquals(handle, ((ResolutionResponse) m.body()).handle());
            String h = head.get();
            assertTrue(h.startsWith("POST /88.1%2Fa%20b%2F%E6%B0%B4 HTTP/1.1\r\n"), h);
            assertTrue(h.contains("\r\nAccept: application/x-hdl-message\r\n"), h);
            assertTrue(h.contains("\r\nContent-Type: application/x-hdl-message\r\n"), h);
        }
    }

    @Test
    void refusesAnHttpReplyThatIsNotAHandleMessage() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, LOOPBACK)) {
            stub.submit(() -> {
                try (Socket s = server.accept()) {
                    s.getInputStream().read(new byte[8192]);
                    s.getOutputStream().write("HTTP/1.1 404 Not Found\r\nContent-Length: 9\r\n\r\nnot found".getBytes(StandardCharsets.US_ASCII));
                }
                return null;
            });
            java.io.IOException e = assertThrows(java.io.IOException.class,
                    () -> fast.resolve(Transport.HTTP, (InetSocketAddress) server.getLocalSocketAddress(), "88.1/a"));
            assertTrue(e.getMessage().contains("HTTP/1.1 404 Not Found"), e.getMessage());
        }
    }

    @Test
    void refusesAReplyToAnotherRequest() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, LOOPBACK)) {
            stub.submit(() -> {
                try (Socket s = server.accept()) {
                    byte[] req = readFrame(s.getInputStream());
                    s.getOutputStream().write(StubServers.resolutionReply(StubServers.requestId(req) + 7, "88.1/a", VALUES));
                }
                return null;
            });
            ProtocolException e = assertThrows(ProtocolException.class,
                    () -> fast.resolve(Transport.TCP, (InetSocketAddress) server.getLocalSocketAddress(), "88.1/a"));
            assertTrue(e.getMessage().contains("requestId"), e.getMessage());
        }
    }

    /** The reply cut as a CNRI server cuts it (§2): 492-octet slices, envelope repeated, no TC. */
    private static List<byte[]> slice(byte[] whole) {
        int message = whole.length - 20;
        List<byte[]> out = new ArrayList<>();
        for (int i = 0; i * 492 < message; i++) {
            int n = Math.min(492, message - i * 492);
            byte[] d = new byte[20 + n];
            System.arraycopy(whole, 0, d, 0, 20);
            java.nio.ByteBuffer.wrap(d).putInt(12, i);
            System.arraycopy(whole, 20 + i * 492, d, 20, n);
            out.add(d);
        }
        return out;
    }
}
