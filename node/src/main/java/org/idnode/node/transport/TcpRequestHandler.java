package org.idnode.node.transport;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.timeout.IdleStateEvent;
import java.util.concurrent.Executor;
import org.idnode.node.service.Interface;
import org.idnode.node.service.ReplySink;
import org.idnode.node.service.RequestProcessor;
import org.idnode.node.transport.TransportCounters.Rejection;
import org.idnode.protocol.ProtocolException;
import org.idnode.protocol.ResponseCodes;

/**
 * Answers each frame on a TCP connection. Both client styles work: the official client sends one
 * request and closes; the Netty SDKs of industrial clients keep the connection and pipeline many
 * requests, matching answers by request id, so a write that answers when durable may be overtaken
 * by later reads. Answers given while a read batch is processed are flushed once at its end; late
 * ones (writes) are flushed as they come. One instance per connection: it is the connection's sink.
 */
final class TcpRequestHandler extends ChannelInboundHandlerAdapter implements ReplySink {
    private final RequestProcessor processor;
    private final TransportCounters counters;
    private ChannelHandlerContext ctx;
    private boolean reading;

    TcpRequestHandler(RequestProcessor processor, TransportCounters counters) {
        this.processor = processor;
        this.counters = counters;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof TcpFrameDecoder.OversizedFrame o) {
            // §3: an out-of-range length is answered, then the connection is closed: the stream
            // can't be resynchronised after a lying length.
            refuse(ctx, Rejection.TCP_OVERSIZED, o.requestId(), ResponseCodes.PROTOCOL_ERROR,
                    "envelope messageLength: " + o.length() + " (expected: 0.." + o.max() + ")");
            return;
        }
        if (msg instanceof TcpFrameDecoder.RefusedFrame r) {
            // The input budget is spent: RC 3 tells the client to come back later.
            refuse(ctx, Rejection.TCP_INPUT_BUDGET, r.requestId(), ResponseCodes.SERVER_TOO_BUSY,
                    "unfinished requests hold " + r.used() + " of " + r.limit() + " octets");
            return;
        }
        ByteBuf frame = (ByteBuf) msg;
        reading = true;
        try {
            processor.process(frame, Interface.TCP, ctx.channel().remoteAddress(), this);
        } finally {
            frame.release();
        }
    }

    @Override
    public void send(ByteBuf response) {
        if (!ctx.executor().inEventLoop()) {
            ctx.executor().execute(() -> send(response));
        } else if (reading) {
            ctx.write(response);
        } else {
            ctx.writeAndFlush(response);
        }
    }

    @Override
    public ByteBufAllocator alloc() {
        return ctx.alloc();
    }

    @Override
    public Executor executor() {
        return ctx.executor();
    }

    /** Counts {@code why}, answers request {@code requestId} with {@code rc}, then closes. */
    private void refuse(ChannelHandlerContext ctx, Rejection why, int requestId, int rc, String message) {
        counters.rejected(why);
        ByteBuf reply = processor.errorReply(ctx.alloc(), requestId, new ProtocolException(rc, message));
        LingeringClose.answerAndClose(ctx, reply);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        reading = false;
        ctx.flush();
        ctx.fireChannelReadComplete();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof IdleStateEvent) {
            counters.rejected(Rejection.TCP_IDLE);
            ctx.close();
        } else {
            ctx.fireUserEventTriggered(evt);
        }
    }
}
