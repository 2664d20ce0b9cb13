package org.idnode.node.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.idnode.node.Node;
import org.idnode.node.TestNodes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The admin port's answers when something is not ready or switched off. */
class AdminPortIT {
    @TempDir
    Path dir;

    static org.idnode.node.transport.ConnectionLimiter limiter() {
        var r = org.idnode.node.transport.TransportCounters.Rejection.ADMIN_CONNECTIONS;
        return new org.idnode.node.transport.ConnectionLimiter(8, 8, r, r,
                new org.idnode.node.transport.TransportCounters(), null);
    }

    @Test
    void readyIs503WhileACheckFailsAnd200OnceItPasses() throws Exception {
        AtomicBoolean serving = new AtomicBoolean(false);
        Readiness readiness = new Readiness().add("storage", () -> true).add("listeners", serving::get);
        try (AdminServer admin = new AdminServer("127.0.0.1", 0, null, readiness, limiter(), new org.idnode.node.service.ServerFailures())) {
            HttpResponse<String> r = MetricsEndpointIT.get(admin.address(), "/ready");
            assertEquals(503, r.statusCode());
            assertEquals("{\"ready\":false,\"checks\":{\"storage\":true,\"listeners\":false}}", r.body().trim());
            assertEquals(200, MetricsEndpointIT.get(admin.address(), "/health").statusCode(), "alive while not ready");
            serving.set(true);
            assertEquals(200, MetricsEndpointIT.get(admin.address(), "/ready").statusCode());
        }
    }

    @Test
    void aNodeWithMetricsOffAnswers404OnMetricsAndIsStillReady() throws Exception {
        try (Node node = Node.start(TestNodes.config(dir, "88.118.8").withMetrics(false))) {
            assertNull(node.metrics());
            HttpResponse<String> r = MetricsEndpointIT.get(node.adminAddress(), "/metrics");
            assertEquals(404, r.statusCode());
            assertTrue(r.body().contains("metrics: false"), r.body());
            assertEquals(200, MetricsEndpointIT.get(node.adminAddress(), "/ready").statusCode());
        }
    }

    @Test
    void aNodeWithAdminPortMinusOneHasNone() {
        try (Node node = Node.start(TestNodes.config(dir, "88.118.8").withAdminPort(-1))) {
            assertNull(node.adminAddress());
        }
    }

    @Test
    void refusesMethodsOtherThanGet() throws Exception {
        try (AdminServer admin = new AdminServer("127.0.0.1", 0, null, new Readiness(), limiter(), new org.idnode.node.service.ServerFailures())) {
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + admin.address().getPort() + "/metrics"))
                    .timeout(Duration.ofSeconds(10)).POST(HttpRequest.BodyPublishers.ofString("x")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(405, r.statusCode());
        }
    }
}
