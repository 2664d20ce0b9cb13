package org.idnode.node.transport;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.util.function.BiFunction;
import org.idnode.node.service.RequestProcessor;
import org.idnode.node.service.ServerFailures;
import org.idnode.protocol.ProtocolException;
import org.idnode.protocol.ResponseCodes;

/**
 * The last handler of every pipeline: any exception no handler before it dealt with ends here, once.
 * It is counted and logged through {@link ServerFailures} (at most one line per kind per ten
 * seconds; a reset by the peer is counted only), the peer gets an answer in its protocol's terms
 * where one can still be sent (TCP: RC 2 with request id -1 as for an unreadable envelope, §3;
 * HTTP: 500 with the reference JSON, responseCode 2; admin: 500 text), and a stream connection is
 * closed. UDP has no peer to answer (the datagram's sender is not known here), so it only counts.
 */
@ChannelHandler.Sharable
public final class PipelineFailures extends ChannelInboundHandlerAdapter {
    private final String transport;
    private final ServerFailures failures;
    /** The answer to send, or null for none; given the context and the failure. */
    private final BiFunction<ChannelHandlerContext, Throwable, Object> answer;

    private PipelineFailures(String transport, ServerFailures failures,
                             BiFunction<ChannelHandlerContext, Throwable, Object> answer) {
        this.transport = transport;
        this.failures = failures;
        this.answer = answer;
    }

    public static PipelineFailures udp(ServerFailures failures) {
        return new PipelineFailures("udp", failures, (ctx, e) -> null);
    }

    public static PipelineFailures tcp(ServerFailures failures, RequestProcessor processor) {
        return new PipelineFailures("tcp", failures, (ctx, e) -> processor.errorReply(ctx.alloc(), -1,
                new ProtocolException(ResponseCodes.ERROR, "server error")));
    }

    public static PipelineFailures http(ServerFailures failures) {
        return new PipelineFailures("http", failures, (ctx, e) -> {
            FullHttpResponse res = RestApi.plainError(HttpResponseStatus.INTERNAL_SERVER_ERROR, ResponseCodes.ERROR,
                    "server error");
            res.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            res.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, res.content().readableBytes());
            return res;
        });
    }

    public static PipelineFailures admin(ServerFailures failures) {
        return new PipelineFailures("admin", failures, (ctx, e) -> {
            ByteBuf body = Unpooled.copiedBuffer("server error\n", StandardCharsets.UTF_8);
            FullHttpResponse res = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                    HttpResponseStatus.INTERNAL_SERVER_ERROR, body);
            res.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            res.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, body.readableBytes());
            return res;
        });
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ServerFailures.Kind kind = failures.record(cause, transport + " pipeline of " + ctx.channel().remoteAddress());
        if (transport.equals("udp")) {
            return; // the socket stays open for everyone else
        }
        Object reply = kind == ServerFailures.Kind.IO || !ctx.channel().isActive() ? null : answer.apply(ctx, cause);
        if (reply == null) {
            ctx.close();
        } else {
            ctx.writeAndFlush(reply).addListener(ChannelFutureListener.CLOSE);
        }
    }
}
