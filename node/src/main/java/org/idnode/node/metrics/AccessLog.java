package org.idnode.node.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.netty.buffer.ByteBuf;
import io.netty.util.internal.PlatformDependent;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import org.idnode.node.service.Interface;
import org.idnode.node.service.RequestObserver;
import org.idnode.protocol.Limits;
import org.idnode.protocol.OpCodes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One line per answered request, appended to a file by one background thread (format in
 * {@link AccessLogLine}). The event loop only offers an entry to a bounded lock-free queue; when
 * the queue is full the entry is dropped and counted ({@code idnode_access_log_dropped_total}), so a
 * slow disk never slows or blocks request handling.
 */
public final class AccessLog implements RequestObserver, MeterBinder, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AccessLog.class);
    static final int CAPACITY = 1 << 16;
    /** The writer's nap when the queue is empty: lines reach the file within about this long. */
    private static final long IDLE_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    // Netty's MPSC array queue: offer is a CAS, never a lock, and it refuses when full.
    private final Queue<AccessLogLine> queue = PlatformDependent.newFixedMpscQueue(CAPACITY);
    private final LongAdder dropped = new LongAdder();
    private final Path file;
    private final Writer out;
    private final Thread writer;
    private volatile boolean closing;
    private long written; // guarded by this

    private AccessLog(Path file, Writer out) {
        this.file = file;
        this.out = out;
        this.writer = new Thread(this::drain, "idnode-access-log");
        writer.setDaemon(true);
        writer.start();
    }

    /** Opens {@code file} for appending (created if absent) and starts the writer thread. */
    public static AccessLog open(Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Writer w = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(file, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND, StandardOpenOption.WRITE), StandardCharsets.UTF_8), 64 * 1024);
            return new AccessLog(file, w);
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("cannot open access log " + file + ": " + e.getMessage(), e);
        }
    }

    public Path file() {
        return file;
    }

    @Override
    public long started(Interface transport) {
        return System.nanoTime();
    }

    @Override
    public void answered(Interface transport, long start, SocketAddress client, ByteBuf request, ByteBuf response) {
        long micros = (System.nanoTime() - start) / 1000;
        int at = response.readerIndex();
        boolean whole = response.readableBytes() >= Limits.ENVELOPE_SIZE + 8;
        int requestId = whole ? response.getInt(at + 8) : -1;
        int opCode = whole ? response.getInt(at + Limits.ENVELOPE_SIZE) : 0;
        int rc = whole ? response.getInt(at + Limits.ENVELOPE_SIZE + 4) : 0;
        byte[] handle = opCode == OpCodes.RESOLUTION ? handle(request) : null;
        offer(new AccessLogLine(System.currentTimeMillis(), client, transport, requestId, opCode, handle, rc, micros));
    }

    @Override
    public void answeredRest(long start, SocketAddress client, int opCode, int responseCode, String handle,
                             int receivedBytes, int sentBytes) {
        long micros = (System.nanoTime() - start) / 1000;
        offer(new AccessLogLine(System.currentTimeMillis(), client, Interface.REST, -1, opCode,
                handle == null ? null : handle.getBytes(StandardCharsets.UTF_8), responseCode, micros));
    }

    /** The handle octets of a resolution request (§8.2: first in the body), or null if they don't fit the frame. */
    private static byte[] handle(ByteBuf request) {
        int at = request.readerIndex() + Limits.ENVELOPE_SIZE + Limits.HEADER_SIZE;
        if (request.writerIndex() - at < 4) {
            return null;
        }
        int length = request.getInt(at);
        if (length < 0 || length > Limits.MAX_HANDLE_LENGTH || length > request.writerIndex() - at - 4) {
            return null;
        }
        byte[] b = new byte[length];
        request.getBytes(at + 4, b);
        return b;
    }

    private void offer(AccessLogLine line) {
        if (closing || !queue.offer(line)) {
            dropped.increment();
        }
    }

    public long dropped() {
        return dropped.sum();
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        FunctionCounter.builder("idnode.access.log.dropped", this, AccessLog::dropped)
                .description("Access log lines dropped because the writer fell behind (queue full) or failed")
                .register(registry);
    }

    /** Waits until at least {@code lines} lines in all were written and flushed; false on timeout. */
    public synchronized boolean awaitWritten(long lines, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (written < lines) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return true;
    }

    private void drain() {
        StringBuilder sb = new StringBuilder(256);
        boolean failed = false;
        while (true) {
            int n = 0;
            for (AccessLogLine line; (line = queue.poll()) != null; n++) {
                sb.setLength(0);
                line.appendTo(sb);
                try {
                    out.append(sb);
                } catch (IOException e) {
                    dropped.increment();
                    failed = warnOnce(failed, e);
                }
            }
            if (n > 0) {
                try {
                    out.flush();
                } catch (IOException e) {
                    failed = warnOnce(failed, e);
                }
                synchronized (this) {
                    written += n;
                    notifyAll();
                }
            } else if (closing) {
                break; // closing was set before the last empty poll: nothing more will come
            } else {
                LockSupport.parkNanos(this, IDLE_NANOS);
            }
        }
        try {
            out.close();
        } catch (IOException e) {
            warnOnce(failed, e);
        }
    }

    private boolean warnOnce(boolean already, IOException e) {
        if (!already) {
            LOG.warn("access log {}: {} (lines are dropped and counted until writing works again)", file, e.toString());
        }
        return true;
    }

    /** Writes what is queued, then closes the file; call after the listeners are closed. */
    @Override
    public void close() {
        closing = true;
        LockSupport.unpark(writer);
        try {
            writer.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
