package org.idnode.bench.load;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;

/**
 * REST resolutions (handle-protocol.md §18) on a kept-alive HTTP/1.1 connection, one request
 * outstanding at a time (HTTP/1.1 has no request ids to match pipelined replies by).
 */
final class HttpLane extends KeptLane {
    private static final String PATH = "/api/handles/";
    private static final int MAX_RESPONSE = 1 << 20;
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private final String hostHeader;
    private Pending current;

    HttpLane(LoadRun run, EventLoop loop, int index, Pacer pacer) {
        super(run, loop, index, pacer);
        this.hostHeader = settings.target();
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
                        ch.pipeline()
                                .addLast("http", new HttpClientCodec())
                                .addLast("aggregator", new HttpObjectAggregator(MAX_RESPONSE))
                                .addLast("replies", new Replies());
                    }
                });
    }

    @Override
    void send(Workload.Target target, long startNanos, long now) {
        current = new Pending(0, startNanos, now + timeoutNanos, target);
        FullHttpRequest req = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET,
                PATH + encodePath(target.handle()), Unpooled.EMPTY_BUFFER);
        req.headers().set(HttpHeaderNames.HOST, hostHeader).set(HttpHeaderNames.ACCEPT, HttpHeaderValues.APPLICATION_JSON);
        write(req);
    }

    @Override
    void sweep(long now) {
        Pending p = current;
        if (p != null && p.deadline - now <= 0) {
            current = null;
            failed(p, ErrorKind.TIMEOUT, p.target.handle() + ": no reply in " + settings.timeout().toMillis() + " ms");
            // The late reply would be taken for the next request's: this connection is done.
            if (channel != null) {
                channel.close();
            }
        }
    }

    @Override
    void failAll(ErrorKind kind, String detail) {
        Pending p = current;
        if (p != null) {
            current = null;
            failed(p, kind, detail);
        }
    }

    private void response(ChannelHandlerContext ctx, FullHttpResponse res, long now) {
        answered();
        Pending p = current;
        if (p == null) {
            run.stats().error(ErrorKind.WRONG_REQUEST_ID, "HTTP response with no request outstanding");
            ctx.close();
            return;
        }
        current = null;
        if (!HttpUtil.isKeepAlive(res)) {
            ctx.close(); // before finishing, so the next request waits for a new connection
        }
        if (!res.decoderResult().isSuccess()) {
            failed(p, ErrorKind.DECODE_ERROR, p.target.handle() + ": HTTP: " + res.decoderResult().cause());
            return;
        }
        finish(p, ReplyCheck.rest(res.status().code(), res.content(), p.target.miss(), expectValues(), p.target.handle()), now);
    }

    /** Percent-encodes a handle for the path (§18: the server decodes it; '/' may stay as it is). */
    static String encodePath(String handle) {
        byte[] b = handle.getBytes(StandardCharsets.UTF_8);
        StringBuilder sb = null;
        for (int i = 0; i < b.length; i++) {
            int c = b[i] & 0xFF;
            boolean plain = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                    || c == '-' || c == '.' || c == '_' || c == '~' || c == '/';
            if (plain && sb == null) {
                continue;
            }
            if (sb == null) {
                sb = new StringBuilder(b.length + 16).append(handle, 0, i);
            }
            if (plain) {
                sb.append((char) c);
            } else {
                sb.append('%').append(HEX[c >> 4]).append(HEX[c & 15]);
            }
        }
        return sb == null ? handle : sb.toString();
    }

    private final class Replies extends SimpleChannelInboundHandler<FullHttpResponse> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpResponse res) {
            readStarted();
            response(ctx, res, System.nanoTime());
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            readComplete();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
