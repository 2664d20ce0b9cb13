package org.idnode.node.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import org.idnode.node.Node;
import org.idnode.node.TestNodes;
import org.idnode.protocol.model.HandleValue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code idnode resolve} against a running node on loopback. */
class ResolveCommandTest {
    static final String PREFIX = "88.118.8";

    @TempDir
    static Path dir;
    static Node node;

    @BeforeAll
    static void startNode() {
        node = TestNodes.start(dir, PREFIX);
        TestNodes.put(node, PREFIX + "/PUMP-1", List.of(
                HandleValue.text(1, "URL", "https://factory.example.com/pump/1"),
                HandleValue.text(2, "DESC", "Centrifugal pump"),
                HandleValue.of(3, "HS_BIN", new byte[] {0, 1, (byte) 0xFE}),
                HandleValue.text(4, "URL.MIRROR", "https://mirror.example.com/pump/1")));
        TestNodes.put(node, PREFIX + "/BIG", List.of(HandleValue.text(1, "DESC", "x".repeat(3000))));
    }

    @AfterAll
    static void stopNode() {
        node.close();
    }

    private static Cli.Result resolve(String via, String... more) {
        int port = via.equals("http") ? node.httpAddress().getPort() : node.tcpAddress().getPort();
        String[] base = {"resolve", "--via", via, "--host", "127.0.0.1", "--port", String.valueOf(node.tcpAddress().getPort()),
                "--http-port", String.valueOf(node.httpAddress().getPort())};
        String[] all = new String[base.length + more.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        assertTrue(port > 0);
        return Cli.run(all);
    }

    @ParameterizedTest
    @ValueSource(strings = {"udp", "tcp", "http"})
    void printsTheValuesAndExitsZeroForAStoredHandle(String via) {
        Cli.Result r = resolve(via, PREFIX + "/PUMP-1");
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.out().startsWith("RC_SUCCESS (1) " + PREFIX + "/PUMP-1: 4 values"), r.out());
        assertTrue(r.out().matches("(?s).*\\n  1 +URL +86400 +1110 +https://factory.example.com/pump/1\\n.*"), r.out());
        assertTrue(r.out().contains("Centrifugal pump"), r.out());
    }

    @Test
    void printsDataThatIsNotTextAsHex() {
        Cli.Result r = resolve("tcp", PREFIX + "/PUMP-1", "--index", "3");
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.out().contains("hex:0001fe"), r.out());
    }

    @Test
    void selectsValuesByTypeOrIndex() {
        Cli.Result r = resolve("udp", PREFIX + "/PUMP-1", "--type", "URL.", "--index", "2");
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.out().contains(": 3 values"), r.out());
        assertFalse(r.out().contains("HS_BIN"), r.out());
    }

    @Test
    void readsAReplyLongerThanOneDatagram() {
        Cli.Result r = resolve("udp", PREFIX + "/BIG");
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.out().contains("x".repeat(3000)), "whole value reassembled");
    }

    @ParameterizedTest
    @ValueSource(strings = {"udp", "tcp", "http"})
    void aStringThatIsNotAHandleIsAnswered102Not301(String via) {
        Cli.Result r = resolve(via, "hello");
        assertEquals(1, r.exit(), r.toString());
        assertTrue(r.out().startsWith("RC_INVALID_HANDLE (102)") && r.out().contains("PREFIX/SUFFIX"), r.out());
    }

    @ParameterizedTest
    @ValueSource(strings = {"udp", "tcp", "http"})
    void exitsOneWithHandleNotFound(String via) {
        Cli.Result r = resolve(via, PREFIX + "/NOPE");
        assertEquals(1, r.exit(), r.toString());
        assertTrue(r.out().startsWith("RC_HANDLE_NOT_FOUND (100)"), r.out());
    }

    @Test
    void exitsOneWhenThePrefixIsNotHomedHere() {
        Cli.Result r = resolve("tcp", "99.1/ANYTHING");
        assertEquals(1, r.exit(), r.toString());
        assertEquals("RC_SERVER_NOT_RESP (301): That prefix doesn't live here", r.out().strip());
    }

    @Test
    void exitsOneWhenTheFilterMatchesNothing() {
        Cli.Result r = resolve("tcp", PREFIX + "/PUMP-1", "--type", "EMAIL");
        assertEquals(1, r.exit(), r.toString());
        assertTrue(r.out().startsWith("RC_VALUES_NOT_FOUND (200)"), r.out());
    }

    @Test
    void exitsTwoWhenNothingAnswers() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        Cli.Result tcp = Cli.run("resolve", "--via", "tcp", "--port", String.valueOf(closed), "--timeout", "2s", PREFIX + "/PUMP-1");
        assertEquals(2, tcp.exit(), tcp.toString());
        assertTrue(tcp.err().contains("no answer from 127.0.0.1:" + closed + " over tcp"), tcp.err());
        Cli.Result udp = Cli.run("resolve", "--via", "udp", "--port", String.valueOf(closed), "--timeout", "300ms", PREFIX + "/PUMP-1");
        assertEquals(2, udp.exit(), udp.toString());
        assertTrue(udp.err().contains("over udp"), udp.err());
    }

    @Test
    void exitsTwoOnBadUsage() {
        assertEquals(2, Cli.run("resolve", "--via", "smoke", PREFIX + "/PUMP-1").exit());
        assertEquals(2, Cli.run("resolve", "--timeout", "soon", PREFIX + "/PUMP-1").exit());
        assertEquals(2, Cli.run("resolve").exit(), "HANDLE is required");
        assertEquals(2, Cli.run("resolve", "--host", "no-such-host.invalid", "--via", "tcp", PREFIX + "/PUMP-1").exit());
    }
}
