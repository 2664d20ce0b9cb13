package org.idnode.node.service;

import io.netty.buffer.ByteBuf;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.BiConsumer;
import org.idnode.node.auth.NeedsAuthentication;
import org.idnode.protocol.ProtocolException;
import org.idnode.protocol.ResponseCodes;
import org.idnode.protocol.model.RequestDigest;

/**
 * The answer to one request, given once (or, for a listing, as parts then a last one). Made by the
 * dispatcher for each request; handlers write a success body into {@link #body()} and
 * {@link #send()} it, or throw / call {@link #fail} for an error. A handler that answers later calls
 * {@link #later()} first: the request frame is then kept until the answer is sent.
 */
public final class Reply {
    private final RequestProcessor processor;
    private RequestContext context;
    private final Request request;
    private final Interface iface;
    private final java.net.SocketAddress client;
    private final ReplySink sink;
    private final long started;
    private ByteBuf out;
    private int start;
    private int bodyLengthAt;
    private boolean late;
    private boolean done;

    Reply(RequestProcessor processor, RequestContext context, Request request, Interface iface,
          java.net.SocketAddress client, ReplySink sink, long started) {
        this.processor = processor;
        this.context = context;
        this.request = request;
        this.iface = iface;
        this.client = client;
        this.sink = sink;
        this.started = started;
    }

    /** Begins a success response; the handler writes the body after what is returned holds. */
    public ByteBuf body() {
        return body(0);
    }

    /** Begins a success response with {@code extraFlags} in its header (CN for parts, §8.5). */
    public ByteBuf body(int extraFlags) {
        out = sink.alloc().buffer(256);
        start = out.writerIndex();
        bodyLengthAt = processor.writer().begin(out, context, context.opCode(), ResponseCodes.SUCCESS, extraFlags);
        return out;
    }

    /** Sends the response begun by {@link #body()}. */
    public void send() {
        ByteBuf b = out;
        out = null;
        deliver(processor.writer().finish(b, start, bodyLengthAt, context), true);
    }

    /** Sends the response begun by {@link #body(int)} as one part of several; the reply stays open. */
    public void sendPart() {
        ByteBuf b = out;
        out = null;
        deliver(processor.writer().finish(b, start, bodyLengthAt, context), false);
    }

    /** A success response with an empty body (after the digest, if asked): delete, add, remove, modify. */
    public void ok() {
        body();
        send();
    }

    public void error(int responseCode, String message) {
        releaseBody();
        deliver(processor.writer().error(sink.alloc().buffer(128), context, responseCode, message), true);
    }

    /**
     * Answers with what {@code failure} means: a {@link ProtocolException}'s code, a challenge for
     * {@link NeedsAuthentication}, RC 2 for anything else (counted and logged, rate-limited).
     */
    public void fail(Throwable failure) {
        Throwable t = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (t instanceof ProtocolException e) {
            error(e.responseCode(), e.getMessage());
        } else if (t instanceof NeedsAuthentication) {
            releaseBody();
            processor.challenge(request, this);
        } else {
            releaseBody();
            processor.internalError(t, context, iface, this);
        }
    }

    /**
     * Says the answer comes later; returns where to give it (the connection's event loop). Keeps the
     * request frame until then.
     */
    public Executor later() {
        if (!late) {
            late = true;
            context.frame().retain();
        }
        return sink.executor();
    }

    /**
     * Answers when {@code work} completes: {@code ok} writes the success answer, a failure becomes
     * its error answer; both on the connection's event loop, never on the thread that completed it.
     */
    public <T> void when(CompletionStage<T> work, BiConsumer<Reply, T> ok) {
        Executor loop = later();
        work.whenCompleteAsync((value, failure) -> {
            if (failure != null) {
                fail(failure);
                return;
            }
            try {
                ok.accept(this, value);
            } catch (RuntimeException e) {
                fail(e);
            }
        }, loop);
    }

    /** The answer goes out with {@code sessionId} in its envelope (a new session's id, §8.8). */
    void sessionId(int sessionId) {
        context = context.withSessionId(sessionId);
    }

    void challenge(RequestContext challenged, RequestDigest digest, byte[] nonce) {
        deliver(processor.writer().challenge(sink.alloc().buffer(128), challenged, digest, nonce), true);
    }

    RequestContext context() {
        return context;
    }

    Interface iface() {
        return iface;
    }

    java.net.SocketAddress client() {
        return client;
    }

    ReplySink sink() {
        return sink;
    }

    long started() {
        return started;
    }

    boolean late() {
        return late;
    }

    private void releaseBody() {
        if (out != null) {
            out.release();
            out = null;
        }
    }

    private void deliver(ByteBuf response, boolean last) {
        if (done) {
            response.release();
            throw new IllegalStateException("request " + context.requestId() + " answered twice");
        }
        done = last;
        processor.observe(iface, started, client, context, response);
        if (last) {
            sink.send(response);
        } else {
            sink.sendPart(response);
        }
        if (last && late) {
            context.frame().release();
        }
    }
}
