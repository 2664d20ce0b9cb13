package org.idnode.node.transport;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
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
import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import org.idnode.node.service.Interface;
import org.idnode.node.service.ReplySink;
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
    /** Whether this connection is HTTPS: REST authentication is honoured there (§18). */
    private final boolean secure;

    /** Bound on a body, but for a batch's (the aggregator lets a batch's bigger bound through). */
    private final int maxBody;

    HttpRequestHandler(RequestProcessor processor, RestApi rest, TransportCounters counters, RequestDeadline deadline,
                       boolean secure, int maxBody) {
        this.maxBody = maxBody;
        this.processor = processor;
        this.rest = rest;
        this.counters = counters;
        this.deadline = deadline;
        this.secure = secure;
    }

    /** A response in the making; HTTP/1.1 answers in request order, so late ones hold back those behind them. */
    private static final class Slot {
        final HttpVersion version;
        final boolean keepAlive;
        FullHttpResponse response;
        boolean close;

        Slot(HttpVersion version, boolean keepAlive) {
            this.version = version;
            this.keepAlive = keepAlive;
        }
    }

    private final ArrayDeque<Slot> slots = new ArrayDeque<>();
    private ChannelHandlerContext ctx;
    private boolean reading;
    /** Stopping: close once every request read has its answer written. */
    private boolean draining;

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
        deadline.end();
        reading = true;
        Slot slot = new Slot(req.protocolVersion(), HttpUtil.isKeepAlive(req));
        slots.add(slot);
        if (!req.decoderResult().isSuccess()) {
            counters.rejected(Rejection.HTTP_MALFORMED);
            complete(slot, RestApi.plainError(HttpResponseStatus.BAD_REQUEST, "malformed HTTP request"), true);
        } else if (!isSupported(req.protocolVersion())) {
            counters.rejected(Rejection.HTTP_VERSION);
            complete(slot, RestApi.plainError(HttpResponseStatus.HTTP_VERSION_NOT_SUPPORTED,
                    req.protocolVersion().text() + " is not supported (HTTP/1.1 or HTTP/1.0)"), true);
        } else if (req.content().readableBytes() > maxBody
                && !(req.method() == HttpMethod.POST && req.uri().startsWith(RestApi.BATCH_PATH))) {
            // A body sent without a Content-Length, over the bound only a batch may use.
            counters.rejected(Rejection.HTTP_OVERSIZED);
            complete(slot, RestApi.plainError(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE,
                    "request body over " + maxBody + " octets"), true);
        } else if (req.method() == HttpMethod.POST && isBinary(req)) {
            binary(ctx, req, slot);
        } else {
            rest(ctx, req, slot);
        }
    }

    /**
     * A REST request: reads answer at once; writes when durable, on the committer's thread, so the
     * answer is brought back to this channel's event loop, where the slots are kept, to be written in
     * request order.
     */
    private void rest(ChannelHandlerContext ctx, FullHttpRequest req, Slot slot) {
        java.util.concurrent.CompletableFuture<FullHttpResponse> answer = rest.handle(req, ctx.channel().remoteAddress(), secure);
        if (answer.isDone()) {
            complete(slot, answer.join(), false);
            return;
        }
        answer.whenCompleteAsync((res, failure) -> {
            // RestApi turns every failure into a response; this is the last resort.
            complete(slot, res != null ? res : RestApi.plainError(HttpResponseStatus.INTERNAL_SERVER_ERROR,
                    org.idnode.protocol.ResponseCodes.ERROR, "internal error"), false);
            if (!reading) {
                ctx.flush(); // a late answer: no read batch will flush it
            }
        }, ctx.executor());
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        reading = false;
        ctx.flush();
        ctx.fireChannelReadComplete();
    }

    /** Gives {@code slot} its response and writes every finished response at the head, in order. */
    private void complete(Slot slot, FullHttpResponse res, boolean close) {
        slot.response = res;
        slot.close = close || !slot.keepAlive;
        while (!slots.isEmpty() && slots.peek().response != null) {
            Slot head = slots.poll();
            FullHttpResponse r = head.response;
            r.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, r.content().readableBytes());
            if (head.close) {
                r.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
                ctx.write(r).addListener(ChannelFutureListener.CLOSE);
                for (Slot rest : slots) {
                    if (rest.response != null) {
                        rest.response.release();
                    }
                }
                slots.clear();
                return;
            }
            if (head.version.equals(HttpVersion.HTTP_1_0)) {
                r.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
            }
            ctx.write(r);
        }
        if (draining && slots.isEmpty()) {
            ctx.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
        }
    }

    /** On stop (event loop only): the answers still to come are written, then the connection closes. */
    void closeWhenAnswered() {
        draining = true;
        if (slots.isEmpty()) {
            ctx.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
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

    private void binary(ChannelHandlerContext ctx, FullHttpRequest req, Slot slot) {
        ByteBuf body = req.content();
        // §17: the CNRI handler skips one leading CR or LF before the envelope.
        if (body.isReadable() && (body.getByte(body.readerIndex()) == '\r' || body.getByte(body.readerIndex()) == '\n')) {
            body.skipBytes(1);
        }
        processor.process(body, Interface.HTTP, ctx.channel().remoteAddress(), new ReplySink() {
            /** Parts of a listing, sent as one body: §17, the client reads the messages one after another. */
            private io.netty.buffer.CompositeByteBuf parts;

            @Override
            public void sendPart(ByteBuf part) {
                if (parts == null) {
                    parts = ctx.alloc().compositeBuffer(Integer.MAX_VALUE);
                }
                parts.addComponent(true, part);
            }

            @Override
            public void send(ByteBuf reply) {
                if (!ctx.executor().inEventLoop()) {
                    ctx.executor().execute(() -> send(reply));
                    return;
                }
                ByteBuf content = reply;
                if (parts != null) {
                    content = parts.addComponent(true, reply);
                }
                FullHttpResponse res = new DefaultFullHttpResponse(slot.version, HttpResponseStatus.OK, content);
                res.headers().set(HttpHeaderNames.CONTENT_TYPE, HDL_MESSAGE);
                complete(slot, res, false);
                if (!reading) {
                    ctx.flush(); // a late answer: no read batch will flush it
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
        });
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
