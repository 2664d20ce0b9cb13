package org.idnode.bench.load;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import org.idnode.protocol.codec.MessageCodec;
import org.idnode.protocol.message.Message;

/**
 * A kept-alive TCP connection carrying up to --in-flight pipelined requests, as the Netty SDKs of
 * industrial clients do; replies are matched by request id, whatever their order.
 */
final class TcpLane extends KeptLane {
    private final PendingTable table = new PendingTable();

    TcpLane(LoadRun run, EventLoop loop, int index, Pacer pacer) {
        super(run, loop, index, pacer);
    }

    @Override
    Bootstrap bootstrap() {
        return new Bootstrap()
                .group(loop)
                .channel(Transports.socketChannel())
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, settings.timeout().toMillis()))
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline().addLast("frames", new FrameDecoder()).addLast("replies", new Replies());
                    }
                });
    }

    @Override
    void send(Workload.Target target, long startNanos, long now) {
        int id = nextRequestId();
        table.put(new Pending(id, startNanos, now + timeoutNanos, target));
        write(RequestFrames.resolution(channel.alloc(), id, target.handle()));
    }

    @Override
    void sweep(long now) {
        for (Pending p : table.expire(now)) {
            failed(p, ErrorKind.TIMEOUT, p.target.handle() + ": no reply in " + settings.timeout().toMillis() + " ms");
        }
    }

    @Override
    void failAll(ErrorKind kind, String detail) {
        for (Pending p : table.drain()) {
            failed(p, kind, detail);
        }
    }

    private void reply(ByteBuf frame, long now) {
        answered();
        int id = frame.getInt(frame.readerIndex() + 8);
        Message m;
        try {
            m = MessageCodec.decode(frame);
        } catch (RuntimeException e) {
            Pending p = table.remove(id);
            String detail = "request id " + id + ": " + e.getMessage();
            if (p != null) {
                failed(p, ErrorKind.DECODE_ERROR, detail);
            } else {
                run.stats().error(ErrorKind.DECODE_ERROR, detail);
            }
            return;
        }
        Pending p = table.remove(id);
        if (p == null) {
            unmatched(table, run, id);
            return;
        }
        finish(p, ReplyCheck.binary(m, p.target.miss(), expectValues(), p.target.handle()), now);
    }

    /** A reply for no outstanding request: late if its request timed out lately, else wrong. */
    static void unmatched(PendingTable table, LoadRun run, int id) {
        if (table.wasTimedOut(id)) {
            run.stats().late();
        } else {
            run.stats().error(ErrorKind.WRONG_REQUEST_ID, "request id " + id + " matches no outstanding request");
        }
    }

    private final class Replies extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            readStarted();
            if (msg instanceof FrameDecoder.BadFrame b) {
                run.stats().error(ErrorKind.DECODE_ERROR, "request id " + b.requestId() + ": envelope messageLength "
                        + b.length() + " (expected: 0..262144)");
                ctx.close();
                return;
            }
            ByteBuf frame = (ByteBuf) msg;
            try {
                reply(frame, System.nanoTime());
            } finally {
                frame.release();
            }
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            readComplete();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            // Resets and the like: closing fails what was outstanding and reconnects.
            ctx.close();
        }
    }
}
