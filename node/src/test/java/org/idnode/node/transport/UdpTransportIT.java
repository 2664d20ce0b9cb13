package org.idnode.node.transport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.idnode.node.Node;
import org.idnode.node.Requests;
import org.idnode.node.TestNodes;
import org.idnode.protocol.ResponseCodes;
import org.idnode.protocol.message.Message;
import org.idnode.protocol.message.ResolutionResponse;
import org.idnode.protocol.model.HandleValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UdpTransportIT {
    @TempDir
    Path dir;
    Node node;
    DatagramSocket socket;

    @BeforeEach
    void start() throws Exception {
        node = TestNodes.start(dir, "88.118.8");
        TestNodes.put(node, "88.118.8/A", List.of(HandleValue.text(1, "URL", "https://a")));
        socket = new DatagramSocket();
        socket.setSoTimeout(5000);
    }

    @AfterEach
    void stop() {
        socket.close();
        node.close();
    }

    private void send(byte[] d) throws Exception {
        socket.send(new DatagramPacket(d, d.length, node.udpAddress()));
    }

    private Message receive() throws Exception {
        byte[] buf = new byte[600];
        DatagramPacket p = new DatagramPacket(buf, buf.length);
        socket.receive(p);
        return Requests.decode(Arrays.copyOf(buf, p.getLength()));
    }

    @Test
    void survivesAFloodOfGarbageAndStillAnswers() throws Exception {
        Random r = new Random(42);
        int sent = 20_000;
        for (int i = 0; i < sent; i++) {
            byte[] g = new byte[1 + r.nextInt(600)];
            r.nextBytes(g);
            send(g);
        }
        send(Requests.resolution(77, "88.118.8/A"));
        Message m;
        do {
            m = receive(); // garbage whose envelope happened to parse may be answered with errors first
        } while (m.envelope().requestId() != 77);
        assertEquals(ResponseCodes.SUCCESS, m.header().responseCode());
        assertEquals("https://a", ((ResolutionResponse) m.body()).values().get(0).dataAsText());
        assertTrue(node.droppedDatagrams() > sent / 2, "garbage counted as dropped: " + node.droppedDatagrams());
        assertEquals(List.of(HandleValue.text(1, "URL", "https://a")),
                org.idnode.node.storage.StoredRecord.decode(node.store().get(node.keys().key("88.118.8/A"))));
    }

    @Test
    void reassemblesARequestSentInSeveralDatagrams() throws Exception {
        // A request longer than one datagram: a long type list, as a client with many filters sends.
        List<String> types = new java.util.ArrayList<>();
        for (int i = 0; i < 60; i++) {
            types.add("TYPE-NUMBER-" + i);
        }
        types.add("URL");
        byte[] req = Requests.resolution(99, "88.118.8/A", List.of(), types, 0x19000000);
        int len = req.length - 20;
        assertTrue(len > 492);
        int slices = (len + 491) / 492;
        for (int i = slices - 1; i >= 0; i--) { // out of order on purpose
            int n = Math.min(492, len - i * 492);
            ByteBuffer d = ByteBuffer.allocate(20 + n);
            d.put(req, 0, 20).put(20 + i * 492 > 0 ? req : req, 20 + i * 492, n);
            byte[] dg = d.array();
            dg[2] |= 0x20; // TC
            ByteBuffer.wrap(dg).putInt(12, i);
            send(dg);
        }
        Message m = receive();
        assertEquals(99, m.envelope().requestId());
        assertEquals(ResponseCodes.SUCCESS, m.header().responseCode());
        assertArrayEquals(new Object[] {"URL"},
                ((ResolutionResponse) m.body()).values().stream().map(HandleValue::type).toArray());
    }
}
