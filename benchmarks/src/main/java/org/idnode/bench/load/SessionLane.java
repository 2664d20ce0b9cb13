package org.idnode.bench.load;

import io.netty.channel.EventLoop;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.idnode.protocol.OpCodes;
import org.idnode.protocol.client.ClientOptions;
import org.idnode.protocol.client.ClientSession;
import org.idnode.protocol.message.CreateHandleRequest;
import org.idnode.protocol.message.Message;
import org.idnode.protocol.message.ResolutionRequest;

/**
 * A kept-alive TCP connection carrying a session (§15) as a registration client would keep one:
 * DH setup, the first create challenged and answered, then creates (and, in a mix, reads) MAC'd and
 * pipelined up to --in-flight, matched by request id. Setting up blocks (DH, a signature), so it runs
 * on a thread of its own; replies come on the session's reader thread and are handed to the lane's loop.
 */
final class SessionLane extends Lane {
    private final PendingTable table = new PendingTable();
    private final CreateRecords records;
    private volatile ClientSession session;
    private boolean opening;

    SessionLane(LoadRun run, EventLoop loop, int index, Pacer pacer) {
        super(run, loop, index, pacer);
        this.records = new CreateRecords(settings.identity().handle(), settings.identity().index());
    }

    @Override
    boolean ready() {
        ClientSession s = session;
        return s != null && s.isOpen();
    }

    @Override
    void open() {
        if (opening || run.stopped()) {
            return;
        }
        opening = true;
        ClientOptions options = ClientOptions.defaults().withTimeout(settings.timeout());
        Thread t = new Thread(() -> {
            try {
                ClientSession s = ClientSession.open(run.address(), settings.identity(), null, options);
                loop.execute(() -> opened(s));
            } catch (IOException | RuntimeException e) {
                loop.execute(() -> openFailed(e));
            }
        }, "session-setup-" + run.address().getPort());
        t.setDaemon(true);
        t.start();
    }

    private void opened(ClientSession s) {
        opening = false;
        if (run.stopped()) {
            s.close();
            return;
        }
        session = s;
        pump();
    }

    private void openFailed(Exception e) {
        opening = false;
        run.stats().error(ErrorKind.CONNECT_ERROR, run.address() + ": session setup: " + e.getMessage());
        loop.schedule(this::open, RETRY_NANOS, TimeUnit.NANOSECONDS);
    }

    @Override
    void send(Workload.Target target, long startNanos, long now) {
        ClientSession s = session;
        int key = nextRequestId(); // the session picks the wire ids; this one keys the lane's table
        Pending p = new Pending(key, startNanos, now + timeoutNanos, target);
        table.put(p);
        CompletableFuture<Message> f = target.create()
                ? s.submit(OpCodes.CREATE_HANDLE, new CreateHandleRequest(target.handle(), records.values(target.handle())), 0)
                : s.submit(OpCodes.RESOLUTION, ResolutionRequest.all(target.handle()), 0);
        p.work = f;
        f.whenComplete((m, t) -> loop.execute(() -> done(s, key, m, t)));
    }

    private void done(ClientSession s, int key, Message m, Throwable t) {
        if (t instanceof java.util.concurrent.CancellationException) {
            return; // the sweep gave up on it and counted it
        }
        Pending p = table.remove(key);
        if (p == null) {
            if (table.wasTimedOut(key)) {
                run.stats().late();
            }
            return;
        }
        if (t == null) {
            finish(p, ReplyCheck.of(m, p.target, expectValues()), System.nanoTime());
            return;
        }
        Throwable cause = t instanceof java.util.concurrent.CompletionException && t.getCause() != null ? t.getCause() : t;
        failed(p, cause instanceof IOException ? ErrorKind.CONNECTION_CLOSED : ErrorKind.DECODE_ERROR,
                p.target.handle() + ": " + cause.getMessage());
        if (!s.isOpen() && s == session) {
            lost(s);
        }
    }

    private void lost(ClientSession s) {
        session = null;
        s.close();
        failAll(ErrorKind.CONNECTION_CLOSED, run.address() + ": session connection closed with requests outstanding");
        open();
    }

    private void failAll(ErrorKind kind, String detail) {
        for (Pending p : table.drain()) {
            failed(p, kind, detail);
        }
    }

    @Override
    void sweep(long now) {
        for (Pending p : table.expire(now)) {
            p.work.cancel(false);
            failed(p, ErrorKind.TIMEOUT, p.target.handle() + ": no reply in " + settings.timeout().toMillis() + " ms");
        }
    }

    @Override
    void flush() {
        // The session writes and flushes each request itself.
    }

    @Override
    void stop() {
        ClientSession s = session;
        if (s != null) {
            s.close();
        }
    }
}
