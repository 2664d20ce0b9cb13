package org.idnode.node.transport;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import org.idnode.node.transport.TransportCounters.Rejection;

/**
 * Between the HTTP codec and the aggregator: the body octets the aggregator is collecting are drawn
 * from the shared input budget (the same one TCP frames use), and given back once the whole request
 * has been handled. A body that does not fit is answered 503 and the connection closed, so
 * thousands of half-sent bodies can't pin the node's memory.
 */
final class HttpInputBudget extends ChannelInboundHandlerAdapter {
    private final ByteBudget budget;
    private final TransportCounters counters;
    private long held;
    private boolean refused;

    HttpInputBudget(ByteBudget budget, TransportCounters counters) {
        this.budget = budget;
        this.counters = counters;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (refused) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (msg instanceof HttpContent c) {
            ByteBuf content = c.content();
            if (!budget.tryReserve(content.readableBytes())) {
                refuse(ctx, msg);
                return;
            }
            held += content.readableBytes();
            if (msg instanceof LastHttpContent) {
                try {
                    ctx.fireChannelRead(msg); // the aggregator completes the request, the handler answers it
                } finally {
                    giveBack();
                }
                return;
            }
        }
        ctx.fireChannelRead(msg);
    }

    private void refuse(ChannelHandlerContext ctx, Object msg) {
        ReferenceCountUtil.release(msg);
        refused = true;
        giveBack();
        counters.rejected(Rejection.HTTP_INPUT_BUDGET);
        FullHttpResponse res = RestApi.plainError(HttpResponseStatus.SERVICE_UNAVAILABLE, org.idnode.protocol.ResponseCodes.SERVER_TOO_BUSY,
                "the server is busy receiving other requests; try again later");
        res.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        res.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, res.content().readableBytes());
        LingeringClose.answerAndClose(ctx, res);
    }

    private void giveBack() {
        if (held > 0) {
            budget.release(held);
            held = 0;
        }
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        giveBack();
    }
}
