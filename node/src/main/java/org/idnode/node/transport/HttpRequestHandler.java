package org.idnode.node.transport;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.timeout.IdleStateEvent;
import java.nio.charset.StandardCharsets;
import org.idnode.node.service.Interface;
import org.idnode.node.service.RequestProcessor;
import org.idnode.node.transport.TransportCounters.Rejection;

/**
 * HTTP/1.1 with keep-alive on the API port: the binary protocol tunnelled in a POST the way the
 * official client sends it (handle-protocol.md §17), and the JSON REST API (§18) via {@link RestApi}.
 */
final class HttpRequestHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    static final String HDL_MESSAGE = "application/x-hdl-message";

    private final RequestProcessor processor;
    private final RestApi rest;
    private final TransportCounters counters;
    private final RequestDeadline deadline;

    HttpRequestHandler(RequestProcessor processor, RestApi rest, TransportCounters counters, RequestDeadline deadline) {
        this.processor = processor;
        this.rest = rest;
        this.counters = counters;
        this.deadline = deadline;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
        deadline.end();
        FullHttpResponse res;
        boolean close = false;
        if (!req.decoderResult().isSuccess()) {
            counters.rejected(Rejection.HTTP_MALFORMED);
            res = RestApi.plainError(HttpResponseStatus.BAD_REQUEST, "malformed HTTP request");
            close = true;
        } else if (!isSupported(req.protocolVersion())) {
            counters.rejected(Rejection.HTTP_VERSION);
            res = RestApi.plainError(HttpResponseStatus.HTTP_VERSION_NOT_SUPPORTED,
                    req.protocolVersion().text() + " is not supported (HTTP/1.1 or HTTP/1.0)");
            close = true;
        } else if (req.method() == HttpMethod.POST && isBinary(req)) {
            res = binary(ctx, req);
        } else {
            res = rest.handle(req, ctx.channel().remoteAddress());
        }
        boolean keepAlive = !close && HttpUtil.isKeepAlive(req);
        res.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, res.content().readableBytes());
        if (keepAlive) {
            if (req.protocolVersion().equals(HttpVersion.HTTP_1_0)) {
                res.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
            }
            ctx.writeAndFlush(res);
        } else {
            res.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            ctx.writeAndFlush(res).addListener(ChannelFutureListener.CLOSE);
        }
    }

    private static boolean isSupported(HttpVersion v) {
        return v.majorVersion() == 1 && (v.minorVersion() == 1 || v.minorVersion() == 0);
    }

    /** §17: the binary handler takes a POST only when both Accept and Content-Type name the message type. */
    private static boolean isBinary(FullHttpRequest req) {
        String accept = req.headers().get(HttpHeaderNames.ACCEPT, "");
        String type = req.headers().get(HttpHeaderNames.CONTENT_TYPE, "");
        return accept.contains(HDL_MESSAGE) && type.contains(HDL_MESSAGE);
    }

    private FullHttpResponse binary(ChannelHandlerContext ctx, FullHttpRequest req) {
        ByteBuf body = req.content();
        // §17: the CNRI handler skips one leading CR or LF before the envelope.
        if (body.isReadable() && (body.getByte(body.readerIndex()) == '\r' || body.getByte(body.readerIndex()) == '\n')) {
            body.skipBytes(1);
        }
        ByteBuf reply = processor.process(body, Interface.HTTP, ctx.channel().remoteAddress(), ctx.alloc());
        FullHttpResponse res = new DefaultFullHttpResponse(req.protocolVersion(), HttpResponseStatus.OK, reply);
        res.headers().set(HttpHeaderNames.CONTENT_TYPE, HDL_MESSAGE);
        return res;
    }

    /** Keep-alive connections idle for tcpIdleTimeout are closed, as on TCP. */
    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof IdleStateEvent) {
            counters.rejected(Rejection.HTTP_IDLE);
            ctx.close();
        } else {
            ctx.fireUserEventTriggered(evt);
        }
    }


    static ByteBuf utf8(String s) {
        return Unpooled.copiedBuffer(s, StandardCharsets.UTF_8);
    }
}
