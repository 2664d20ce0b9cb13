package org.idnode.node.transport;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.DuplexChannel;
import io.netty.util.ReferenceCountUtil;
import java.util.concurrent.TimeUnit;

/**
 * Answers a request refused while its body is still arriving, then closes without losing the answer.
 *
 * <p>Closing a socket that still has unread input makes the kernel send a reset, and a reset makes
 * the peer drop what it had not read yet: the client sees "connection reset" instead of the 413 or
 * 503 sent to it. So the output is shut down after the answer (the client reads it, then end of
 * stream), and what the client still sends is read and thrown away, up to {@link #MAX_DISCARDED}
 * octets or {@link #MAX_LINGER_MILLIS}, whichever comes first; then the connection closes.
 */
final class LingeringClose extends ChannelInboundHandlerAdapter {
    static final String NAME = "linger";
    static final long MAX_DISCARDED = 8L << 20;
    static final long MAX_LINGER_MILLIS = 2_000;

    private long discarded;

    private LingeringClose() {
    }

    /** Writes {@code answer}, then lingers as above. Event loop only. */
    static void answerAndClose(ChannelHandlerContext ctx, Object answer) {
        Channel ch = ctx.channel();
        ch.config().setAutoRead(false);
        ctx.writeAndFlush(answer).addListener((ChannelFutureListener) f -> {
            if (!f.isSuccess() || !(ch instanceof DuplexChannel duplex) || !ch.isActive()
                    || ch.pipeline().get(NAME) != null) {
                ch.close();
                return;
            }
            ch.pipeline().addFirst(NAME, new LingeringClose());
            duplex.shutdownOutput();
            ch.eventLoop().schedule(() -> ch.close(), MAX_LINGER_MILLIS, TimeUnit.MILLISECONDS);
            ch.config().setAutoRead(true);
        });
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof io.netty.buffer.ByteBuf b) {
            discarded += b.readableBytes();
        }
        ReferenceCountUtil.release(msg);
        if (discarded > MAX_DISCARDED) {
            ctx.close();
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        // swallowed: nothing behind this handler is to see the rest of the refused body
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        // the peer's end of stream (half-closure) ends the linger; other events are not ours to pass on
        if (evt instanceof io.netty.channel.socket.ChannelInputShutdownEvent) {
            ctx.close();
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
