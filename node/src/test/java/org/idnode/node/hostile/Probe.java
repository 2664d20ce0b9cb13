package org.idnode.node.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufAllocatorMetricProvider;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.idnode.node.Node;
import org.idnode.protocol.ResponseCodes;
import org.idnode.protocol.client.ClientOptions;
import org.idnode.protocol.client.HandleClient;
import org.idnode.protocol.client.Transport;
import org.idnode.protocol.message.Message;

/** What the attack tests check on the node: a normal client is served, memory, conditions with a deadline. */
final class Probe {
    static final String HANDLE = "88.118.8/NORMAL";

    private Probe() {
    }

    /** A normal client resolves {@link #HANDLE} over UDP, TCP and HTTP (REST). */
    static void normalClientIsServed(Node node) throws Exception {
        HandleClient client = new HandleClient(ClientOptions.defaults());
        for (Transport t : new Transport[] {Transport.UDP, Transport.TCP}) {
            InetSocketAddress at = t == Transport.UDP ? node.udpAddress() : node.tcpAddress();
            Message m = client.resolve(t, at, HANDLE);
            assertEquals(ResponseCodes.SUCCESS, m.header().responseCode(), "over " + t);
        }
        HttpResponse<String> r = http("http://127.0.0.1:" + node.httpAddress().getPort() + "/api/handles/" + HANDLE);
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(r.body().contains("\"responseCode\":1"), r.body());
    }

    /** One client, so its kept-alive connections are reused (the admin port has a small connection budget). */
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    static HttpResponse<String> http(String url) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The admin port answers /health and /metrics. */
    static void adminAnswers(Node node) throws Exception {
        String base = "http://127.0.0.1:" + node.adminAddress().getPort();
        assertEquals(200, http(base + "/health").statusCode());
        assertEquals(200, http(base + "/metrics").statusCode());
    }

    /** Direct memory in use by Netty's default allocator (the one the node's channels use). */
    static long nettyDirectBytes() {
        return ((ByteBufAllocatorMetricProvider) ByteBufAllocator.DEFAULT).metric().usedDirectMemory();
    }
}
