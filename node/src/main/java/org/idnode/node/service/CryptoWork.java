package org.idnode.node.service;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.idnode.protocol.ProtocolException;
import org.idnode.protocol.ResponseCodes;

/**
 * Where the expensive cryptography of authentication runs, off the event loops: a Diffie-Hellman
 * session setup costs about 4 ms, a PBKDF2 secret-key answer 3.6 ms (AuthBenchmark) — enough for a
 * flood of them to stall every resolution on a loop. A few threads and a bounded queue: work beyond
 * it is refused with RC 3 at once, so such a flood costs the node a bounded amount.
 */
public final class CryptoWork implements AutoCloseable {
    private final ThreadPoolExecutor pool;
    private final int queue;

    public CryptoWork(int threads, int queue) {
        this.queue = queue;
        AtomicInteger n = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(queue), r -> {
            Thread t = new Thread(r, "idnode-crypto-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        }, new ThreadPoolExecutor.AbortPolicy());
    }

    /** Runs {@code work} on the crypto threads; RC 3 (a failed future) when the queue is full. */
    public <T> CompletableFuture<T> run(Supplier<T> work) {
        try {
            return CompletableFuture.supplyAsync(work, pool);
        } catch (RejectedExecutionException e) {
            return CompletableFuture.failedFuture(new ProtocolException(ResponseCodes.SERVER_TOO_BUSY,
                    "authentication work waiting: " + queue + " (the bound)"));
        }
    }

    @Override
    public void close() {
        pool.shutdown();
    }
}
