package org.idnode.node.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.idnode.node.Node;
import org.idnode.node.Requests;
import org.idnode.node.TestNodes;
import org.idnode.node.config.NodeConfig;
import org.idnode.protocol.ResponseCodes;
import org.idnode.protocol.message.Message;
import org.idnode.protocol.message.ResolutionResponse;
import org.idnode.protocol.model.HandleValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** TCP as the Netty SDKs of industrial clients use it: kept open, many requests in flight. */
class TcpTransportIT {
    @TempDir
    Path dir;
    Node node;

    @BeforeEach
    void start() {
        NodeConfig c = TestNodes.config(dir, "88.118.8");
        node = Node.start(new NodeConfig(c.dataDir(), c.bind(), c.port(), c.httpPort(), null, c.prefixes(), false, 1,
                "test", c.maxFrameBytes(), Duration.ofSeconds(2), c.udpReassemblyTimeout(), 100, 8 << 20, 8 << 20, 2,
                c.adminBind(), c.adminPort(), c.metrics(), c.accessLog(), c.shutdownGracePeriod(), c.limits(), c.auth(), c.rest(), c.stream()));
        for (int i = 0; i < 100; i++) {
            TestNodes.put(node, "88.118.8/ID-" + i, List.of(HandleValue.text(1, "URL", "https://x/" + i)));
        }
    }

    @AfterEach
    void stop() {
        node.close();
    }

    private Socket connect() throws IOException {
        Socket s = new Socket(node.tcpAddress().getAddress(), node.tcpAddress().getPort());
        s.setSoTimeout(10_000);
        return s;
    }

    static byte[] readFrame(DataInputStream in) throws IOException {
        byte[] env = new byte[20];
        in.readFully(env);
        int len = java.nio.ByteBuffer.wrap(env).getInt(16);
        byte[] frame = new byte[20 + len];
        System.arraycopy(env, 0, frame, 0, 20);
        in.readFully(frame, 20, len);
        return frame;
    }

    @Test
    void answersManyPipelinedRequestsOnOneConnectionByRequestId() throws Exception {
        int n = 2000;
        try (Socket s = connect()) {
            OutputStream out = s.getOutputStream();
            java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
            for (int i = 1; i <= n; i++) {
                all.write(Requests.resolution(i, "88.118.8/ID-" + (i % 100)));
            }
            out.write(all.toByteArray()); // all in flight at once, written in one go
            out.flush();
            DataInputStream in = new DataInputStream(s.getInputStream());
            Set<Integer> seen = new HashSet<>();
            for (int i = 0; i < n; i++) {
                Message m = Requests.decode(readFrame(in));
                int id = m.envelope().requestId();
                assertEquals(ResponseCodes.SUCCESS, m.header().responseCode());
                String url = ((ResolutionResponse) m.body()).values().get(0).dataAsText();
                assertEquals("https://x/" + (id % 100), url);
                assertTrue(seen.add(id), "duplicate answer to " + id);
            }
            assertEquals(n, seen.size());
        }
    }

    @Test
    void answersAnOversizedFrameWithAnErrorAndClosesBeforeReadingIt() throws Exception {
        try (Socket s = connect()) {
            byte[] req = Requests.resolution(3, "88.118.8/ID-1");
            java.nio.ByteBuffer.wrap(req).putInt(16, 50_000_000);
            s.getOutputStream().write(req);
            DataInputStream in = new DataInputStream(s.getInputStream());
            Message m = Requests.decode(readFrame(in));
            assertEquals(ResponseCodes.PROTOCOL_ERROR, m.header().responseCode());
            assertEquals(3, m.envelope().requestId());
            assertEquals(-1, in.read(), "connection closed after the error");
        }
    }

    @Test
    void answersGarbageWithAProtocolError() throws Exception {
        try (Socket s = connect()) {
            byte[] garbage = new byte[64];
            new java.util.Random(7).nextBytes(garbage);
            garbage[0] = 2;
            java.nio.ByteBuffer.wrap(garbage).putInt(16, 44);
            s.getOutputStream().write(garbage);
            Message m = Requests.decode(readFrame(new DataInputStream(s.getInputStream())));
            assertTrue(m.header().responseCode() != ResponseCodes.SUCCESS);
        }
    }

    @Test
    void closesAConnectionThatStaysIdle() throws Exception {
        try (Socket s = connect()) {
            s.getOutputStream().write(Requests.resolution(4, "88.118.8/ID-4"));
            DataInputStream in = new DataInputStream(s.getInputStream());
            readFrame(in);
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            int r;
            try {
                r = in.read(); // blocks until the node closes the idle connection (2 s)
            } catch (SocketTimeoutException e) {
                r = 0;
            }
            assertEquals(-1, r);
            assertTrue(System.nanoTime() < deadline);
        }
    }

    @Test
    void keepsServingAfterAClientHangsUpMidFrame() throws Exception {
        try (Socket s = connect()) {
            s.getOutputStream().write(Requests.resolution(5, "88.118.8/ID-5"), 0, 30);
        }
        try (Socket s = connect()) {
            s.getOutputStream().write(Requests.resolution(6, "88.118.8/ID-6"));
            Message m = Requests.decode(readFrame(new DataInputStream(s.getInputStream())));
            assertEquals(ResponseCodes.SUCCESS, m.header().responseCode());
        } catch (EOFException e) {
            throw new AssertionError("node stopped answering", e);
        }
    }
}
