package org.idnode.node.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.idnode.protocol.ProtocolException;
import org.idnode.protocol.ResponseCodes;
import org.junit.jupiter.api.Test;

class CryptoWorkTest {
    @Test
    void workBeyondTheQueueIsRefusedWithServerTooBusyAtOnce() throws Exception {
        try (CryptoWork work = new CryptoWork(1, 1)) {
            CountDownLatch release = new CountDownLatch(1);
            CountDownLatch running = new CountDownLatch(1);
            CompletableFuture<Integer> busy = work.run(() -> {
                running.countDown();
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return 1;
            });
            running.await(30, TimeUnit.SECONDS);
            CompletableFuture<Integer> queued = work.run(() -> 2);
            CompletableFuture<Integer> refused = work.run(() -> 3);
            ExecutionException e = assertThrows(ExecutionException.class, () -> refused.get(1, TimeUnit.SECONDS));
            assertEquals(ResponseCodes.SERVER_TOO_BUSY, assertInstanceOf(ProtocolException.class, e.getCause()).responseCode());
            release.countDown();
            assertEquals(1, busy.get(30, TimeUnit.SECONDS));
            assertEquals(2, queued.get(30, TimeUnit.SECONDS));
        }
    }
}
