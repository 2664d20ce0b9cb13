package org.idnode.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import org.idnode.protocol.ResponseCodes;
import org.idnode.protocol.model.HandleValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** On stop the node answers what it already read, closes connections in order, and says it is not ready. */
class DrainIT {
    @TempDir
    Path dir;

    @Test
    void pipelinedRequestsReadBeforeTheStopAreAnsweredThenTheConnectionEndsCleanly() throws Exception {
        Node node = TestNodes.start(dir, "88.118.8");
        TestNodes.put(node, "88.118.8/D", List.of(HandleValue.text(1, "URL", "https://d")));
        try (Socket s = new Socket(node.tcpAddress().getAddress(), node.tcpAddress().getPort())) {
            s.setSoTimeout(10_000);
            int n = 500;
            ByteBuffer all = ByteBuffer.allocate(n * Requests.resolution(1, "88.118.8/D").length);
            for (int i = 1; i <= n; i++) {
                all.put(Requests.resolution(i, "88.118.8/D"));
            }
            s.getOutputStream().write(all.array());
            InputStream in = s.getInputStream();
            // The first reply proves the node has been reading; then stop it with the rest in flight.
            byte[] first = readFrame(in);
            assertEquals(1, ByteBuffer.wrap(first).getInt(8));
            long t0 = System.nanoTime();
            node.close();
            long closeMillis = (System.nanoTime() - t0) / 1_000_000;
            assertFalse(node.listeners().serving(), "not ready after the stop began");
            // Every reply that comes is whole and in order, and the stream ends with EOF, not a reset.
            int expect = 2;
            byte[] frame;
            while ((frame = readFrame(in)) != null) {
                assertEquals(expect++, ByteBuffer.wrap(frame).getInt(8), "in request order");
                assertEquals(ResponseCodes.SUCCESS, ByteBuffer.wrap(frame).getInt(24));
            }
            assertTrue(expect - 1 >= 1, "answers before the stop");
            assertTrue(closeMillis < node.config().shutdownGracePeriod().toMillis() + 3000,
                    "stopped within the grace period: " + closeMillis + " ms");
        }
    }

    /** One response frame, or null at a clean end of stream between frames. */
    static byte[] readFrame(InputStream in) throws Exception {
        byte[] env = in.readNBytes(20);
        if (env.length == 0) {
            return null;
        }
        assertEquals(20, env.length, "a whole envelope");
        int length = ByteBuffer.wrap(env).getInt(16);
        byte[] rest = in.readNBytes(length);
        assertEquals(length, rest.length, "a whole message");
        return ByteBuffer.allocate(20 + length).put(env).put(rest).array();
    }
}
