package org.idnode.node.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.idnode.node.Node;
import org.idnode.node.TestNodes;
import org.idnode.node.service.ServerFailures;
import org.idnode.protocol.ResponseCodes;
import org.idnode.protocol.client.HandleClient;
import org.idnode.protocol.client.Transport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** A stored record that does not parse is the server's fault: RC 2 (HTTP 500), counted, the handle in the log. */
class UnreadableRecordIT {
    @TempDir
    Path dir;

    @Test
    void anUnreadableStoredRecordIsAServerErrorOnEveryTransport() throws Exception {
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        Logger logger = (Logger) LoggerFactory.getLogger(ServerFailures.class);
        logger.addAppender(log);
        try (Node node = TestNodes.start(dir, "88.118.8")) {
            // A record of the right format whose value list is cut short, and one of an unknown format.
            node.store().apply(org.idnode.node.storage.StoreChange.put(node.keys().key("88.118.8/CUT"), new byte[] {1, 0, 0, 0, 0, 5, 0, 0}));
            node.store().apply(org.idnode.node.storage.StoreChange.put(node.keys().key("88.118.8/ALIEN"), new byte[] {9, 9, 9, 9, 9, 9}));
            HandleClient client = new HandleClient();
            for (String h : new String[] {"88.118.8/CUT", "88.118.8/ALIEN"}) {
                assertEquals(ResponseCodes.ERROR, client.resolve(Transport.TCP, node.tcpAddress(), h).header().responseCode(), h);
                assertEquals(ResponseCodes.ERROR, client.resolve(Transport.UDP, node.udpAddress(), h).header().responseCode(), h);
                HttpResponse<String> rest = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                        "http://127.0.0.1:" + node.httpAddress().getPort() + "/api/handles/" + h)).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertEquals(500, rest.statusCode(), h);
                assertTrue(rest.body().contains("\"responseCode\":2"), rest.body());
            }
            assertEquals(6, node.failures().count(ServerFailures.Kind.STORAGE));
            assertEquals(1, log.list.size(), "one line for the window");
            assertTrue(log.list.get(0).getFormattedMessage().contains("88.118.8/CUT"), log.list.get(0).getFormattedMessage());
        } finally {
            logger.detachAppender(log);
        }
    }
}
