package org.idnode.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.idnode.node.config.NodeConfig;
import org.idnode.node.storage.StorageException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A node that can't start says why in one line a newcomer understands. */
class StartFailuresIT {
    @TempDir
    Path dir;

    static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    String failure(NodeConfig c) {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Node.start(c).close());
        assertTrue(e.getMessage().lines().count() == 1, e.getMessage());
        return e.getMessage();
    }

    @Test
    void aTcpPortInUseNamesTheTransportAndAddress() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, LOOPBACK)) {
            int p = taken.getLocalPort();
            assertEquals("tcp 127.0.0.1:" + p + " is in use (another node, or another program on that port)",
                    failure(TestNodes.config(dir).withPorts(p, 0)));
        }
    }

    @Test
    void aUdpPortInUseNamesTheTransportAndAddress() throws Exception {
        try (DatagramSocket taken = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0))) {
            int p = taken.getLocalPort();
            String m = failure(TestNodes.config(dir).withPorts(p, 0));
            assertTrue(m.startsWith("udp 127.0.0.1:" + p + " is in use") || m.startsWith("tcp 127.0.0.1:" + p + " is in use"), m);
        }
    }

    @Test
    void anHttpOrAdminPortInUseNamesTheTransportAndAddress() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, LOOPBACK)) {
            int p = taken.getLocalPort();
            assertTrue(failure(TestNodes.config(dir).withPorts(0, p)).startsWith("http 127.0.0.1:" + p + " is in use"));
            assertTrue(failure(TestNodes.config(dir).withAdminPort(p)).startsWith("admin 127.0.0.1:" + p + " is in use"));
        }
    }

    @Test
    void httpsWithoutItsPemFilesNamesTheKeysItNeeds() {
        NodeConfig c = TestNodes.config(dir);
        String m = failure(c.withRest(c.rest().withHttps(0, null, null)));
        assertTrue(m.contains("tlsCertificate") && m.contains("tlsPrivateKey"), m);
    }

    @Test
    void httpsWithFilesThatAreNotPemNamesBothFiles() throws Exception {
        Path junk = java.nio.file.Files.writeString(dir.resolve("junk.pem"), "not a certificate");
        NodeConfig c = TestNodes.config(dir.resolve("node"));
        String m = failure(c.withRest(c.rest().withHttps(0, junk, junk)));
        assertTrue(m.contains("tlsCertificate " + junk) && m.contains("not a PEM certificate"), m);
    }

    @Test
    void aBindAddressThatIsNotOneSaysSo() {
        String m = failure(TestNodes.config(dir).withBind("999.1.1.1"));
        assertTrue(m.contains("999.1.1.1") && m.contains("not an IP address"), m);
        m = failure(TestNodes.config(dir).withBind("192.0.2.1")); // TEST-NET: no interface of this machine has it
        assertTrue(m.contains("192.0.2.1 is not an address of this machine"), m);
    }

    @Test
    void aSecondNodeOnTheSameDataDirectorySaysAnotherProcessHoldsIt() {
        try (Node first = TestNodes.start(dir, "88.118.8")) {
            StorageException e = assertThrows(StorageException.class, () -> TestNodes.start(dir, "88.118.8").close());
            assertTrue(e.isLocked());
            assertTrue(e.getMessage().contains("is in use by another process"), e.getMessage());
            assertTrue(first.listeners().serving(), "the first node is untouched");
        }
    }
}
