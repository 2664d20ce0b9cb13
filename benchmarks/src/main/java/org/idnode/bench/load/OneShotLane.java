package org.idnode.bench.load;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import java.util.concurrent.TimeUnit;
import org.idnode.protocol.codec.MessageCodec;
import org.idnode.protocol.message.Message;

/**
 * One request per connection, as the official client does (§2): connect, send, read the reply,
 * close. Latency includes the connection set-up. Each connection's handler is bound to its own
 * request, so events of an old connection can't touch the next request.
 */
final class OneShotLane extends Lane {
    private final Bootstrap base;
    private Pending current;
    private Channel channel;
    private long retryAt = System.nanoTime(); // nanoTime has no fixed origin: never compare with 0

    OneShotLane(LoadRun run, EventLoop loop, int index, Pacer pacer) {
        super(run, loop, index, pacer);
        this.base = new Bootstrap()
                .group(loop)
                .channel(Transports.socketChannel())
                .option(ChannelOption.TCP_NODELAY, true)
                // Close with a reset, leaving no TIME_WAIT behind: thousands of connections a second
                // would otherwise use up the ephemeral ports in seconds (60 s each in TIME_WAIT).
                .option(ChannelOption.SO_LINGER, 0)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, settings.timeout().toMillis()));
    }

    @Override
    void open() {
        // Nothing to keep open: each request connects.
    }

    @Override
    boolean ready() {
        return System.nanoTime() - retryAt >= 0;
    }

    @Override
    void send(Workload.Target target, long startNanos, long now) {
        Pending p = new Pending(nextRequestId(), startNanos, now + timeoutNanos, target);
        current = p;
        ChannelFuture f = base.clone().handler(new ChannelInitializer<Channel>() {
            @Override
            protected void initChannel(Channel ch) {
                ch.pipeline().addLast("frames", new FrameDecoder()).addLast("reply", new Reply(p));
            }
        }).connect(run.address());
        channel = f.channel();
        f.addListener(x -> connected(p, f));
    }

    private void connected(Pending p, ChannelFuture f) {
        if (current != p) {
            f.channel().close(); // timed out while connecting
            return;
        }
        if (!f.isSuccess()) {
            current = null;
            retryAt = System.nanoTime() + RETRY_NANOS;
            loop.schedule((Runnable) this::pump, RETRY_NANOS, TimeUnit.NANOSECONDS);
            failed(p, ErrorKind.CONNECT_ERROR, run.address() + ": " + f.cause());
            return;
        }
        Channel ch = f.channel();
        ch.closeFuture().addListener(x -> closed(p));
        ch.writeAndFlush(RequestFrames.resolution(ch.alloc(), p.requestId, p.target.handle()), ch.voidPromise());
    }

    private void closed(Pending p) {
        if (current == p) {
            current = null;
            failed(p, ErrorKind.CONNECTION_CLOSED, run.address() + ": connection closed before the reply");
        }
    }

    private void reply(Pending p, ChannelHandlerContext ctx, ByteBuf frame, long now) {
        if (current != p) {
            return;
        }
        current = null;
        ctx.close();
        int id = frame.getInt(frame.readerIndex() + 8);
        Message m;
        try {
            m = MessageCodec.decode(frame);
        } catch (RuntimeException e) {
            failed(p, ErrorKind.DECODE_ERROR, "request id " + id + ": " + e.getMessage());
            return;
        }
        if (id != p.requestId) {
            failed(p, ErrorKind.WRONG_REQUEST_ID, "request id " + id + " in the reply to " + p.requestId);
            return;
        }
        finish(p, ReplyCheck.binary(m, p.target.miss(), expectValues(), p.target.handle()), now);
    }

    @Override
    void sweep(long now) {
        Pending p = current;
        if (p != null && p.deadline - now <= 0) {
            current = null;
            if (channel != null) {
                channel.close();
            }
            failed(p, ErrorKind.TIMEOUT, p.target.handle() + ": no reply in " + settings.timeout().toMillis() + " ms");
        }
    }

    @Override
    void flush() {
        // Each request is flushed when its connection is up.
    }

    private final class Reply extends ChannelInboundHandlerAdapter {
        private final Pending p;

        Reply(Pending p) {
            this.p = p;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof FrameDecoder.BadFrame b) {
                if (current == p) {
                    current = null;
                    ctx.close();
                    failed(p, ErrorKind.DECODE_ERROR, "request id " + b.requestId() + ": envelope messageLength " + b.length());
                }
                return;
            }
            ByteBuf frame = (ByteBuf) msg;
            try {
                reply(p, ctx, frame, System.nanoTime());
            } finally {
                frame.release();
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
