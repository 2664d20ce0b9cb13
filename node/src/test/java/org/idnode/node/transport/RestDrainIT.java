package org.idnode.node.transport;

import static org.idnode.node.transport.RestFixture.ADMIN;
import static org.idnode.node.transport.RestFixture.PREFIX;
import static org.idnode.node.transport.RestFixture.SECRET;
import static org.idnode.node.transport.RestFixture.basic;
import static org.idnode.node.transport.RestFixture.values;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.idnode.node.Node;
import org.idnode.node.TestNodes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** On stop, REST writes the node read are answered (once durable) before their connection closes. */
class RestDrainIT {
    static final int WRITES = 50;

    @TempDir
    Path dir;

    @Test
    void everyWriteStoredBeforeTheStopIsAnsweredBeforeTheConnectionCloses() throws Exception {
        RestFixture f = RestFixture.start(dir, RestFixture.plainClient(), c -> c.withRest(c.rest().withAllowPlainHttpAuth(true)));
        List<Integer> statuses;
        try (Socket s = new Socket(f.node.httpAddress().getAddress(), f.node.httpAddress().getPort())) {
            s.setSoTimeout(20_000);
            StringBuilder pipelined = new StringBuilder();
            for (int i = 0; i < WRITES; i++) {
                byte[] body = values("https://drain/" + i).getBytes(StandardCharsets.UTF_8);
                pipelined.append("PUT /api/handles/").append(PREFIX).append("/DRAIN-").append(i).append(" HTTP/1.1\r\n")
                        .append("Host: x\r\nContent-Type: application/json\r\nAuthorization: ").append(basic(ADMIN, SECRET))
                        .append("\r\nContent-Length: ").append(body.length).append("\r\n\r\n")
                        .append(new String(body, StandardCharsets.UTF_8));
            }
            s.getOutputStream().write(pipelined.toString().getBytes(StandardCharsets.UTF_8));
            InputStream in = s.getInputStream();
            statuses = new ArrayList<>();
            statuses.add(readResponse(in)); // the node is reading and writing: stop it with the rest in flight
            Node node = f.node;
            Thread stopper = new Thread(node::close);
            stopper.start();
            Integer status;
            while ((status = readResponse(in)) != null) {
                statuses.add(status);
            }
            stopper.join(30_000);
        }
        for (int st : statuses) {
            assertEquals(201, st, statuses.toString());
        }
        try (Node reopened = Node.start(TestNodes.config(dir.resolve("node"), PREFIX))) {
            int stored = 0;
            for (int i = 0; i < WRITES; i++) {
                if (reopened.store().get(reopened.keys().key(PREFIX + "/DRAIN-" + i)) != null) {
                    stored++;
                }
            }
            assertEquals(stored, statuses.size(), "each stored write was answered, and only those");
            assertTrue(stored >= 1);
        }
    }

    /** The status of the next response (its body skipped), or null at a clean end of stream. */
    static Integer readResponse(InputStream in) throws IOException {
        String head = readHead(in);
        if (head == null) {
            return null;
        }
        int length = 0;
        for (String line : head.split("\r\n")) {
            if (line.regionMatches(true, 0, "content-length:", 0, 15)) {
                length = Integer.parseInt(line.substring(15).trim());
            }
        }
        in.readNBytes(length);
        return Integer.parseInt(head.substring(9, 12));
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) >= 0) {
            b.write(c);
            byte[] a = b.toByteArray();
            int n = a.length;
            if (n >= 4 && a[n - 4] == '\r' && a[n - 3] == '\n' && a[n - 2] == '\r' && a[n - 1] == '\n') {
                return b.toString(StandardCharsets.US_ASCII);
            }
        }
        if (b.size() != 0) {
            throw new IOException("connection ended inside a response head: " + b);
        }
        return null;
    }
}
