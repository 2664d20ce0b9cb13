package org.idnode.bench.load;

import io.netty.channel.EventLoop;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.idnode.protocol.OpCodes;
import org.idnode.protocol.client.AdminClient;
import org.idnode.protocol.client.ClientOptions;
import org.idnode.protocol.client.HandleClient;
import org.idnode.protocol.client.Transport;
import org.idnode.protocol.message.CreateHandleRequest;
import org.idnode.protocol.message.Message;

/**
 * Creates as the official client sends them without a session (§14): the create on one connection,
 * the RC 402 challenge, the answer (a signature or a PBKDF2 MAC per create) on a second connection,
 * the reply on that one. One request at a time per lane, on a thread of the lane's own since our
 * client blocks; the outcome is handed back to the lane's loop. In a mix, reads go one-shot too.
 */
final class AdminOneShotLane extends Lane {
    private final HandleClient client;
    private final AdminClient admin;
    private final CreateRecords records;
    private final ThreadPoolExecutor worker;
    private Pending current;

    AdminOneShotLane(LoadRun run, EventLoop loop, int index, Pacer pacer) {
        super(run, loop, index, pacer);
        this.client = new HandleClient(ClientOptions.defaults().withTimeout(settings.timeout()));
        this.admin = new AdminClient(client, settings.identity(), null);
        this.records = new CreateRecords(settings.identity().handle(), settings.identity().index());
        // One thread, gone a second after the run: a timed-out exchange may still be finishing on it.
        this.worker = new ThreadPoolExecutor(1, 1, 1, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, "oneshot-admin-" + index);
            t.setDaemon(true);
            return t;
        });
        worker.allowCoreThreadTimeOut(true);
    }

    @Override
    boolean ready() {
        return current == null;
    }

    @Override
    void open() {
        // Nothing to keep open: each exchange connects.
    }

    @Override
    void send(Workload.Target target, long startNanos, long now) {
        Pending p = new Pending(nextRequestId(), startNanos, now + timeoutNanos, target);
        current = p;
        String h = target.handle();
        Future<?> f = worker.submit(() -> {
            try {
                Message m = target.create()
                        ? admin.send(Transport.TCP, run.address(), OpCodes.CREATE_HANDLE,
                                new CreateHandleRequest(h, records.values(h)), 0, h)
                        : client.resolve(Transport.TCP, run.address(), h);
                loop.execute(() -> done(p, m, null));
            } catch (IOException | RuntimeException e) {
                loop.execute(() -> done(p, null, e));
            }
        });
        p.work = f;
    }

    private void done(Pending p, Message m, Exception e) {
        if (current != p) {
            return; // timed out already
        }
        current = null;
        if (e == null) {
            finish(p, ReplyCheck.of(m, p.target, expectValues()), System.nanoTime());
            return;
        }
        ErrorKind kind = e instanceof SocketTimeoutException ? ErrorKind.TIMEOUT
                : e instanceof ConnectException ? ErrorKind.CONNECT_ERROR
                : e instanceof IOException ? ErrorKind.CONNECTION_CLOSED : ErrorKind.DECODE_ERROR;
        failed(p, kind, p.target.handle() + ": " + e.getMessage());
    }

    @Override
    void sweep(long now) {
        Pending p = current;
        if (p != null && p.deadline - now <= 0) {
            current = null;
            p.work.cancel(true);
            failed(p, ErrorKind.TIMEOUT, p.target.handle() + ": no reply in " + settings.timeout().toMillis() + " ms");
        }
    }

    @Override
    void flush() {
        // Each exchange writes its own connection.
    }

    @Override
    void stop() {
        worker.shutdownNow();
    }
}
