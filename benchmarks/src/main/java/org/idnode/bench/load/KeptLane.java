package org.idnode.bench.load;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.EventLoop;
import java.util.concurrent.TimeUnit;

/**
 * A lane on one long-lived channel (tcp, http, udp): connects at start, and when the channel goes
 * away fails what was outstanding on it and connects again - at once if the channel had served
 * replies, after a pause if it never did (a server that accepts and hangs up).
 */
abstract class KeptLane extends Lane {
    protected Channel channel;
    private boolean unflushed;
    private boolean answered;

    KeptLane(LoadRun run, EventLoop loop, int index, Pacer pacer) {
        super(run, loop, index, pacer);
    }

    /** A bootstrap on this lane's loop, its pipeline ending in this lane's handler. */
    abstract Bootstrap bootstrap();

    /** Fails every request outstanding on the channel, which is gone. */
    abstract void failAll(ErrorKind kind, String detail);

    @Override
    final void open() {
        if (run.stopped()) {
            return;
        }
        ChannelFuture f = bootstrap().connect(run.address());
        f.addListener(x -> connected(f));
    }

    private void connected(ChannelFuture f) {
        if (!f.isSuccess()) {
            run.stats().error(ErrorKind.CONNECT_ERROR, run.address() + ": " + f.cause());
            loop.schedule(this::open, RETRY_NANOS, TimeUnit.NANOSECONDS);
            return;
        }
        Channel ch = f.channel();
        channel = ch;
        answered = false;
        ch.closeFuture().addListener(x -> closed(ch));
        if (run.stopped()) {
            ch.close();
            return;
        }
        pump();
    }

    private void closed(Channel ch) {
        if (ch != channel) {
            return;
        }
        channel = null;
        unflushed = false;
        readComplete(); // a read batch cut short by the close never completes
        failAll(ErrorKind.CONNECTION_CLOSED, run.address() + ": connection closed with requests outstanding");
        if (run.stopped()) {
            return;
        }
        if (answered) {
            open();
        } else {
            loop.schedule(this::open, RETRY_NANOS, TimeUnit.NANOSECONDS);
        }
    }

    @Override
    final boolean ready() {
        return channel != null && channel.isActive();
    }

    protected final void write(Object msg) {
        channel.write(msg, channel.voidPromise());
        unflushed = true;
    }

    @Override
    final void flush() {
        if (unflushed && channel != null) {
            unflushed = false;
            channel.flush();
        }
    }

    /** Notes that the channel works, so losing it later is worth an immediate reconnect. */
    protected final void answered() {
        answered = true;
    }
}
