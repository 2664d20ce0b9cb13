package org.idnode.node.transport;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.idnode.node.transport.TransportCounters.Rejection;

/**
 * A request, once begun, must arrive whole within {@code requestReadTimeout}; so must the first
 * request of a new connection. The idle timeout alone can't stop a slowloris peer, which sends one
 * octet now and then and is never idle. First in the pipeline; the frame decoder (TCP) or the HTTP
 * handler calls {@link #begin()} and {@link #end()}; with {@code beginOnRead}, any arriving octets
 * begin a request (HTTP, where the codec keeps partial requests to itself).
 *
 * <p>At most one timer per connection is pending: when it fires early (the request it watched
 * ended and another began), it is set again for the rest of the new one's time.
 */
final class RequestDeadline extends ChannelInboundHandlerAdapter {
    private final long timeoutNanos;
    private final boolean beginOnRead;
    private final Rejection rejection;
    private final TransportCounters counters;
    private ChannelHandlerContext ctx;
    private long begunAt;
    private ScheduledFuture<?> timer;

    RequestDeadline(long timeoutNanos, boolean beginOnRead, Rejection rejection, TransportCounters counters) {
        this.timeoutNanos = timeoutNanos;
        this.beginOnRead = beginOnRead;
        this.rejection = rejection;
        this.counters = counters;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        begin(); // the first request must come in time too
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (beginOnRead && msg instanceof ByteBuf b && b.isReadable()) {
            begin();
        }
        ctx.fireChannelRead(msg);
    }

    /** Octets of a request are here and more are due; no-op while one is already timed. */
    void begin() {
        if (begunAt != 0) {
            return;
        }
        begunAt = System.nanoTime() | 1; // never 0
        if (timer == null) {
            timer = ctx.executor().schedule(this::check, timeoutNanos, TimeUnit.NANOSECONDS);
        }
    }

    /** The request arrived whole. */
    void end() {
        begunAt = 0;
    }

    private void check() {
        timer = null;
        if (begunAt == 0 || !ctx.channel().isActive()) {
            return;
        }
        long left = begunAt + timeoutNanos - System.nanoTime();
        if (left > 0) {
            timer = ctx.executor().schedule(this::check, left, TimeUnit.NANOSECONDS);
            return;
        }
        counters.rejected(rejection);
        ctx.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
        ctx.fireChannelInactive();
    }
}
