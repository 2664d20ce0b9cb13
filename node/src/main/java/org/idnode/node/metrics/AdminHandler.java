package org.idnode.node.metrics;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufOutputStream;
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
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The admin routes. {@code GET /metrics}: Prometheus text format (404 when metrics are off).
 * {@code GET /health}: 200 "ok" while the process runs. {@code GET /ready}: 200 when every
 * {@link Readiness} check passes, else 503, with a JSON body naming each check.
 */
final class AdminHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    private static final String TEXT = "text/plain; charset=utf-8";

    private final Metrics metrics;
    private final Readiness readiness;

    AdminHandler(Metrics metrics, Readiness readiness) {
        this.metrics = metrics;
        this.readiness = readiness;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
        FullHttpResponse res = respond(ctx, req);
        boolean keepAlive = HttpUtil.isKeepAlive(req) && req.decoderResult().isSuccess();
        res.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, res.content().readableBytes());
        if (req.method() == HttpMethod.HEAD) {
            res.content().clear();
        }
        if (keepAlive) {
            ctx.writeAndFlush(res);
        } else {
            res.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            ctx.writeAndFlush(res).addListener(ChannelFutureListener.CLOSE);
        }
    }

    private FullHttpResponse respond(ChannelHandlerContext ctx, FullHttpRequest req) {
        if (!req.decoderResult().isSuccess()) {
            return text(ctx, HttpResponseStatus.BAD_REQUEST, "malformed HTTP request\n");
        }
        if (req.method() != HttpMethod.GET && req.method() != HttpMethod.HEAD) {
            return text(ctx, HttpResponseStatus.METHOD_NOT_ALLOWED, req.method() + " not allowed: GET only\n");
        }
        String path = req.uri();
        int q = path.indexOf('?');
        if (q >= 0) {
            path = path.substring(0, q);
        }
        switch (path) {
            case "/health":
                return text(ctx, HttpResponseStatus.OK, "ok\n");
            case "/ready": {
                Readiness.Report r = readiness.check();
                FullHttpResponse res = text(ctx, r.ready() ? HttpResponseStatus.OK : HttpResponseStatus.SERVICE_UNAVAILABLE,
                        r.json());
                res.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json");
                return res;
            }
            case "/metrics":
                return metrics == null
                        ? text(ctx, HttpResponseStatus.NOT_FOUND, "metrics are off (config metrics: false)\n")
                        : scrape(ctx);
            default:
                return text(ctx, HttpResponseStatus.NOT_FOUND, "not found: " + path + " (try /metrics, /health, /ready)\n");
        }
    }

    private FullHttpResponse scrape(ChannelHandlerContext ctx) {
        ByteBuf body = ctx.alloc().buffer(64 * 1024);
        try (ByteBufOutputStream out = new ByteBufOutputStream(body)) {
            metrics.scrape(out);
        } catch (IOException | RuntimeException e) {
            body.release();
            return text(ctx, HttpResponseStatus.INTERNAL_SERVER_ERROR, "scrape failed: " + e + "\n");
        }
        FullHttpResponse res = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK, body);
        res.headers().set(HttpHeaderNames.CONTENT_TYPE, Metrics.CONTENT_TYPE);
        return res;
    }

    private static FullHttpResponse text(ChannelHandlerContext ctx, HttpResponseStatus status, String body) {
        FullHttpResponse res = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                ctx.alloc().buffer().writeBytes(body.getBytes(StandardCharsets.UTF_8)));
        res.headers().set(HttpHeaderNames.CONTENT_TYPE, TEXT);
        return res;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof IdleStateEvent) {
            ctx.close();
        } else {
            ctx.fireUserEventTriggered(evt);
        }
    }

}
