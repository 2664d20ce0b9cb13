package org.idnode.node.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.EventLoop;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.idnode.node.Await;
import org.idnode.node.Node;
import org.idnode.node.TestNodes;
import org.idnode.node.transport.ByteBudget;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** /ready turns false while the node can't serve, and true again when it recovers. */
class ReadinessIT {
    @TempDir
    Path dir;
    Node node;

    @BeforeEach
    void start() {
        node = TestNodes.start(dir, "88.118.8");
    }

    @AfterEach
    void stop() {
        node.close();
    }

    HttpResponse<String> ready() throws Exception {
        return Probe.http("http://127.0.0.1:" + node.adminAddress().getPort() + "/ready");
    }

    void awaitReady(int status, String check) throws Exception {
        Await.until(Duration.ofSeconds(10), "/ready answers " + status, () -> ready().statusCode() == status);
        HttpResponse<String> r = ready();
        assertEquals(status, r.statusCode(), r.body());
        assertTrue(r.body().contains("\"" + check + "\":" + (status == 200)), r.body());
    }

    @Test
    void aStalledEventLoopMakesTheNodeNotReadyUntilItRunsAgain() throws Exception {
        awaitReady(200, "event_loops");
        CountDownLatch release = new CountDownLatch(1);
        EventLoop loop = node.listeners().workers().next();
        loop.execute(() -> {
            try {
                release.await(30, TimeUnit.SECONDS); // a handler blocked in a call
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        awaitReady(503, "event_loops");
        release.countDown();
        awaitReady(200, "event_loops");
    }

    @Test
    void aSpentBudgetMakesTheNodeNotReadyUntilItIsGivenBack() throws Exception {
        awaitReady(200, "budgets");
        ByteBudget input = node.listeners().inputBudget();
        long taken = input.limit() - input.used();
        assertTrue(input.tryReserve(taken));
        awaitReady(503, "budgets");
        input.release(taken);
        awaitReady(200, "budgets");
    }
}
