package org.idnode.node.importer;

import java.io.PrintWriter;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/** A line on stderr about every second while a long import runs: lines read so far and the rate. */
final class Progress implements AutoCloseable {
    private final AtomicLong records = new AtomicLong();
    private final long start = System.nanoTime();
    private final ScheduledExecutorService timer;

    Progress(PrintWriter out, boolean enabled) {
        if (!enabled) {
            timer = null;
            return;
        }
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "idnode-import-progress");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleAtFixedRate(() -> {
            long n = records.get();
            double s = (System.nanoTime() - start) / 1e9;
            out.printf("import: %,d lines, %,.0f lines/s%n", n, n / Math.max(s, 1e-9));
            out.flush();
        }, 1, 1, TimeUnit.SECONDS);
    }

    void add(long n) {
        records.addAndGet(n);
    }

    @Override
    public void close() {
        if (timer != null) {
            timer.shutdownNow();
        }
    }
}
