package org.idnode.node.service;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.net.SocketAddress;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.idnode.node.auth.Authenticator;
import org.idnode.node.auth.Authorizer;
import org.idnode.node.auth.Challenges;
import org.idnode.node.auth.Identity;
import org.idnode.node.auth.Session;
import org.idnode.node.auth.Sessions;
import org.idnode.protocol.Limits;
import org.idnode.protocol.OpCodes;
import org.idnode.protocol.OpFlags;
import org.idnode.protocol.ProtocolException;
import org.idnode.protocol.ResponseCodes;
import org.idnode.protocol.auth.MessageSigner;
import org.idnode.protocol.auth.SessionCipher;
import org.idnode.protocol.codec.EnvelopeCodec;
import org.idnode.protocol.codec.MessageCodec;
import org.idnode.protocol.message.ChallengeAnswerRequest;
import org.idnode.protocol.message.Message;
import org.idnode.protocol.model.AdminRecord;
import org.idnode.protocol.model.Credential;
import org.idnode.protocol.model.Envelope;
import org.idnode.protocol.model.Header;
import org.idnode.protocol.model.ProtocolVersion;
import org.idnode.protocol.model.RequestDigest;

/**
 * The dispatcher of the binary protocol: turns one request frame (envelope + message, as on TCP, in
 * an HTTP body, or reassembled from datagrams) into its answer. It decodes the request once, opens
 * encrypted messages, checks session MACs, decides who the caller is, hands the request to the
 * handler of its opcode ({@link OpHandler}), challenges callers that must authenticate and redoes
 * their request once they answered (§14), and is the one place where any failure becomes a Handle
 * error response with the right code: it never throws.
 */
public final class RequestProcessor {
    private static final ProtocolVersion UNKNOWN_PEER = new ProtocolVersion(2, 3);
    /** Bound on the octets of requests kept while their challenge is out: a request is at most one frame. */
    private static final long CHALLENGED_REQUEST_BYTES = 64L << 20;

    private final Map<Integer, OpHandler> handlers;
    private final OpHandler resolution;
    private final ResponseWriter writer;
    private final RequestObserver observer;
    private final ServerFailures failures;
    private final Sessions sessions;
    private final Challenges<ChallengedRequest> challenges;
    private final Map<String, Authenticator> authenticators;
    private final Resolver resolver;
    private final CryptoWork crypto;

    /** A read-only node: resolution and site info, no sessions (benchmarks, tests). */
    public RequestProcessor(Resolver resolver, byte[] siteInfo, int siteSerial, ResponseSigner signer) {
        this(resolver, siteInfo, siteSerial, signer, RequestObserver.NONE, new ServerFailures());
    }

    public RequestProcessor(Resolver resolver, byte[] siteInfo, int siteSerial, ResponseSigner signer,
                            RequestObserver observer, ServerFailures failures) {
        this(resolver, Map.of(OpCodes.GET_SITE_INFO, new SiteInfoHandler(siteInfo)), siteSerial, signer, observer,
                failures, null, null, Map.of(), null, null);
    }

    /**
     * The whole node: {@code handlers} by opcode (resolution is always served by {@code resolver}),
     * the session and challenge tables, the authenticators by auth type (§14), and who may read
     * restricted values ({@code readers}: null = nobody, every caller gets public values only), and
     * where answers to challenges are checked ({@code crypto}; null = on the event loop).
     */
    public RequestProcessor(Resolver resolver, Map<Integer, OpHandler> handlers, int siteSerial, ResponseSigner signer,
                            RequestObserver observer, ServerFailures failures, Sessions sessions,
                            Challenges<ChallengedRequest> challenges, Map<String, Authenticator> authenticators,
                            Authorizer readers, CryptoWork crypto) {
        this.resolver = resolver;
        this.crypto = crypto;
        this.handlers = new HashMap<>(handlers);
        this.resolution = new ResolutionHandler(resolver, readers == null ? null
                : id -> record -> readers.grants(Authorizer.adminValues(org.idnode.node.storage.StoredRecord.decode(record)), id,
                        AdminRecord.READ_VALUE));
        this.writer = new ResponseWriter(siteSerial, signer);
        this.observer = observer;
        this.failures = failures;
        this.sessions = sessions;
        this.challenges = challenges;
        this.authenticators = Map.copyOf(authenticators);
    }

    /** A challenged request, kept to be redone once its challenge is answered. */
    public record ChallengedRequest(byte[] frame, Interface iface, SocketAddress client) {
    }

    public Resolver resolver() {
        return resolver;
    }

    ResponseWriter writer() {
        return writer;
    }

    /**
     * Processes {@code frame} (not released here; kept by a handler that answers later) and gives its
     * answer to {@code sink}, now or later; never throws. Gives nothing on an interface that does not
     * answer malformed input ({@link Interface#answersMalformed()}) when the input is malformed.
     */
    public void process(ByteBuf frame, Interface iface, SocketAddress client, ReplySink sink) {
        long started = observer.started(iface);
        int start = frame.readerIndex();
        try {
            answer(frame, start, iface, client, sink, started);
        } finally {
            frame.readerIndex(start);
        }
    }

    /**
     * As {@link #process(ByteBuf, Interface, SocketAddress, ReplySink)}, returning the answer; for
     * callers without an event loop (benchmarks, tests): waits for a late answer. Null when there is none.
     */
    public ByteBuf process(ByteBuf frame, Interface iface, SocketAddress client, ByteBufAllocator alloc) {
        Captured answer = new Captured(alloc);
        process(frame, iface, client, answer);
        return answer.await();
    }

    /**
     * Keeps the first answer. An answer given at once costs nothing more than the field; a late one
     * (a write) is handed over through a future, waited for up to a minute.
     */
    private static final class Captured implements ReplySink {
        private final ByteBufAllocator alloc;
        private volatile CompletableFuture<ByteBuf> late;
        private ByteBuf first;

        Captured(ByteBufAllocator alloc) {
            this.alloc = alloc;
        }

        @Override
        public void send(ByteBuf response) {
            CompletableFuture<ByteBuf> f = late;
            if (f == null) {
                if (first == null) {
                    first = response;
                } else {
                    response.release(); // a later part of a listing: callers of this method take the first
                }
            } else if (!f.complete(response)) {
                response.release();
            }
        }

        @Override
        public ByteBufAllocator alloc() {
            return alloc;
        }

        @Override
        public synchronized Executor executor() {
            if (late == null) {
                late = new CompletableFuture<>();
            }
            return Runnable::run;
        }

        ByteBuf await() {
            CompletableFuture<ByteBuf> f = late;
            if (first != null || f == null) {
                return first;
            }
            try {
                return f.get(60, TimeUnit.SECONDS);
            } catch (Exception e) {
                return null;
            }
        }
    }

    public ByteBuf process(ByteBuf frame, Interface iface, ByteBufAllocator alloc) {
        return process(frame, iface, null, alloc);
    }

    private void answer(ByteBuf frame, int start, Interface iface, SocketAddress client, ReplySink sink, long started) {
        if (frame.readableBytes() < Limits.ENVELOPE_SIZE + Limits.HEADER_SIZE) {
            if (iface.answersMalformed()) {
                sendUnread(frame, start, iface, client, sink, started, undecodable(sink.alloc(), ResponseCodes.PROTOCOL_ERROR,
                        "message: " + frame.readableBytes() + " octets (expected: at least 44)"));
            }
            return;
        }
        Envelope env;
        try {
            env = EnvelopeCodec.decode(frame);
        } catch (ProtocolException e) {
            if (iface.answersMalformed()) {
                sendUnread(frame, start, iface, client, sink, started, undecodable(sink.alloc(), e.responseCode(), e.getMessage()));
            }
            return;
        }
        if (env.encrypted()) {
            openEncrypted(frame, start, env, iface, client, sink, started);
            return;
        }
        serve(frame, start, env, false, iface, client, sink, started);
    }

    /** §15: an EC message is opened with its session's key and then served like a clear one; its answer is encrypted. */
    private void openEncrypted(ByteBuf frame, int start, Envelope env, Interface iface, SocketAddress client,
                               ReplySink sink, long started) {
        RequestContext bare = new RequestContext(env.sessionId(), env.requestId(), RequestContext.responseVersion(env),
                OpCodes.RESERVED, 0, 0, frame, -1, 0);
        ByteBuf clear = null;
        Envelope opened;
        try {
            if (sessions == null) {
                throw new ProtocolException(ResponseCodes.SESSION_FAILED, "encrypted message, but this node opens no sessions");
            }
            Session session = sessions.get(env.sessionId());
            if (frame.readableBytes() != env.messageLength()) {
                throw ProtocolException.malformed("envelope messageLength", env.messageLength(),
                        frame.readableBytes() + " (the octets that follow)");
            }
            ByteBuf plain = SessionCipher.decrypt(session.key(), frame);
            clear = sink.alloc().buffer(Limits.ENVELOPE_SIZE + plain.readableBytes());
            opened = env.withFlags(env.flags() & ~Envelope.ENCRYPTED).withMessageLength(plain.readableBytes());
            EnvelopeCodec.encode(opened, clear);
            clear.writeBytes(plain);
            plain.release();
        } catch (ProtocolException e) {
            if (clear != null) {
                clear.release();
            }
            if (iface.answersMalformed()) {
                sendUnread(frame, start, iface, client, sink, started,
                        writer.error(sink.alloc().buffer(128), bare, e.responseCode(), e.getMessage()));
            }
            return;
        }
        clear.readerIndex(Limits.ENVELOPE_SIZE);
        try {
            serve(clear, 0, opened, true, iface, client, sink, started);
        } finally {
            clear.release(); // a handler answering later retained it
        }
    }

    private void serve(ByteBuf frame, int start, Envelope env, boolean encrypted, Interface iface, SocketAddress client,
                       ReplySink sink, long started) {
        int headerAt = MessageCodec.headerAt(start);
        RequestContext ctx = context(env, frame, headerAt);
        Message m;
        try {
            m = decodeRequest(env, frame);
        } catch (ProtocolException e) {
            if (iface.answersMalformed()) {
                frame.readerIndex(start);
                Reply r = new Reply(this, ctx, null, iface, client, sink, started);
                r.error(e.responseCode(), e.getMessage());
            }
            return;
        }
        frame.readerIndex(start); // decoded: the observer and a late reply read the frame from its envelope
        Reply reply = null;
        try {
            int op = m.header().opCode();
            Caller caller = Caller.ANONYMOUS;
            if (op == OpCodes.SESSION_EXCHANGEKEY && env.sessionId() != 0 && sessions != null) {
                // §8.8 mode 2: the key arrives in this message, so it can carry no MAC; the reply is signed.
                caller = new Caller(null, sessions.get(env.sessionId()));
            } else if (op != OpCodes.CHALLENGE_RESPONSE && env.sessionId() != 0) {
                Session session = checkSession(env, frame, start, m);
                ctx = ctx.inSession(session, m.credential().signerIndex(), encrypted || m.header().has(OpFlags.ENC));
                caller = new Caller(session.authenticated(), session);
            } else if (encrypted) {
                throw new ProtocolException(ResponseCodes.SESSION_FAILED, "encrypted message outside a session");
            }
            Request request = new Request(m, ctx, caller, iface, client);
            reply = new Reply(this, ctx, request, iface, client, sink, started);
            if (op == OpCodes.CHALLENGE_RESPONSE) {
                answered(request, reply);
            } else {
                dispatch(request, reply);
            }
        } catch (RuntimeException e) {
            (reply != null ? reply : new Reply(this, ctx, null, iface, client, sink, started)).fail(e);
        }
    }

    /** §15: a request in a session carries an HS_MAC over it with a counter not seen before. */
    private Session checkSession(Envelope env, ByteBuf frame, int start, Message m) {
        if (sessions == null) {
            throw new ProtocolException(ResponseCodes.SESSION_TIMEOUT, "session " + env.sessionId() + ": this node opens no sessions");
        }
        Session session = sessions.get(env.sessionId());
        Credential c = m.credential();
        if (c == null || !Credential.HS_MAC.equals(c.type())) {
            throw new ProtocolException(ResponseCodes.INVALID_CREDENTIAL,
                    "session " + env.sessionId() + ": the request has no HS_MAC (§15)");
        }
        ByteBuf message = frame.slice(start + Limits.ENVELOPE_SIZE, frame.writerIndex() - start - Limits.ENVELOPE_SIZE);
        if (!MessageSigner.verifyMac(env, message, c, session.key())) {
            throw new ProtocolException(ResponseCodes.INVALID_SESSION_KEY,
                    "session " + env.sessionId() + ": the MAC does not match the session key");
        }
        if (!session.acceptCounter(c.signerIndex())) {
            throw new ProtocolException(ResponseCodes.SESSION_MESSAGE_REJECTED,
                    "session " + env.sessionId() + ": counter " + c.signerIndex() + " was used before");
        }
        return session;
    }

    void dispatch(Request request, Reply reply) {
        int op = request.opCode();
        if (op == OpCodes.RESOLUTION) {
            resolution.handle(request, reply);
            return;
        }
        if (OpCodes.isAdmin(op) && !request.iface().acceptsAdmin()) {
            // §2 [CNRI]: admin opcodes on a query-only interface.
            throw ProtocolException.malformed(OpCodes.name(op) + " on a query-only interface (use TCP or HTTP)");
        }
        OpHandler h = handlers.get(op);
        if (h == null) {
            throw new ProtocolException(ResponseCodes.OPERATION_NOT_SUPPORTED, OpCodes.name(op) + " is not served by this node");
        }
        h.handle(request, reply);
    }

    /** §14 step 2: keep the request, answer RC 402 with its digest and a fresh nonce. */
    void challenge(Request request, Reply reply) {
        if (challenges == null) {
            reply.error(ResponseCodes.OPERATION_NOT_SUPPORTED, "this node authenticates no one");
            return;
        }
        RequestContext ctx = reply.context();
        try {
            RequestDigest digest = ctx.digest();
            ByteBuf frame = ctx.frame();
            byte[] copy = new byte[frame.writerIndex() - frame.readerIndex()];
            frame.getBytes(frame.readerIndex(), copy);
            Challenges.Pending<ChallengedRequest> p = challenges.open(
                    new ChallengedRequest(copy, request.iface(), request.client()), copy.length, digest.digest(),
                    request.caller().session());
            reply.challenge(ctx.withSessionId(p.id()), digest, p.nonce());
        } catch (ProtocolException e) {
            reply.error(e.responseCode(), e.getMessage());
        }
    }

    /**
     * §14 step 4: OC 200 names a challenge in its envelope's sessionId; the answer is checked, the
     * challenged request redone as the proven identity and answered with the answer's request id.
     */
    private void answered(Request answer, Reply answerReply) {
        if (challenges == null) {
            throw new ProtocolException(ResponseCodes.OPERATION_NOT_SUPPORTED, "this node authenticates no one");
        }
        RequestContext ctx = answer.context();
        Challenges.Pending<ChallengedRequest> p = challenges.take(ctx.sessionId());
        ChallengeAnswerRequest a = (ChallengeAnswerRequest) answer.body();
        Authenticator auth = authenticators.get(a.authType());
        if (auth == null) {
            throw new ProtocolException(ResponseCodes.INVALID_CREDENTIAL,
                    "auth type: " + a.authType() + " (expected: " + String.join(" or ", authenticators.keySet()) + ")");
        }
        if (crypto == null) {
            redo(answer, answerReply, p, auth.verify(a, p.nonce(), p.digest()));
            return;
        }
        // Checking an answer may cost milliseconds (PBKDF2, RSA): done off the event loop, the rest back on it.
        ctx.frame().retain();
        crypto.run(() -> auth.verify(a, p.nonce(), p.digest())).whenCompleteAsync((id, failure) -> {
            try {
                if (failure != null) {
                    answerReply.fail(failure);
                } else {
                    redo(answer, answerReply, p, id);
                }
            } catch (RuntimeException e) {
                answerReply.fail(e);
            } finally {
                ctx.frame().release();
            }
        }, answerReply.sink().executor());
    }

    /** The challenged request, redone as {@code id}: its opcode, addressed as the answer (ids, digest). */
    private void redo(Request answer, Reply answerReply, Challenges.Pending<ChallengedRequest> p, Identity id) {
        RequestContext ctx = answer.context();
        Session session = p.session();
        if (session != null) {
            session.authenticate(id);
        }
        ByteBuf original = Unpooled.wrappedBuffer(p.request().frame());
        Envelope env = EnvelopeCodec.decode(original);
        Message m = MessageCodec.decode(env, original);
        original.readerIndex(0);
        RequestContext replyCtx = ctx.withOpCode(m.header().opCode());
        if (session != null) {
            replyCtx = replyCtx.inSession(session, ctx.sessionCounter(), ctx.encrypt());
        }
        Request redo = new Request(m, replyCtx, new Caller(id, session), p.request().iface(), p.request().client());
        Reply reply = new Reply(this, replyCtx, redo, answerReply.iface(), answerReply.client(), answerReply.sink(),
                answerReply.started());
        try {
            dispatch(redo, reply);
        } catch (RuntimeException e) {
            reply.fail(e);
        }
    }

    /** Storage or programming failure: the client gets RC 2, the operator a rate-limited log line. */
    void internalError(Throwable t, RequestContext ctx, Interface iface, Reply reply) {
        RuntimeException e = t instanceof RuntimeException r ? r : new IllegalStateException(t);
        ServerFailures.Kind kind = failures.record(e, OpCodes.name(ctx.opCode()) + " over " + iface.label());
        reply.error(ResponseCodes.ERROR, kind == ServerFailures.Kind.STORAGE ? "storage error" : "internal error");
    }

    /** Answers input that never became a request, observed like every answer. */
    private void sendUnread(ByteBuf frame, int start, Interface iface, SocketAddress client, ReplySink sink, long started,
                            ByteBuf response) {
        frame.readerIndex(start);
        observer.answered(iface, started, client, frame, response);
        sink.send(response);
    }

    void observe(Interface iface, long started, SocketAddress client, RequestContext ctx, ByteBuf response) {
        if (iface != null && ctx.frame() != null) {
            observer.answered(iface, started, client, ctx.frame(), response);
        }
    }

    /** The message behind the envelope, if it is a well-formed request. */
    private static Message decodeRequest(Envelope env, ByteBuf frame) {
        if (frame.readableBytes() != env.messageLength()) {
            throw ProtocolException.malformed("envelope messageLength", env.messageLength(),
                    frame.readableBytes() + " (the octets that follow)");
        }
        if (env.compressed()) {
            throw ProtocolException.malformed("envelope: compressed messages are not supported (CP flag)");
        }
        Message m = MessageCodec.decode(env, frame);
        if (!m.header().isRequest()) {
            throw ProtocolException.malformed("responseCode", m.header().responseCode(), "0 in a request");
        }
        return m;
    }

    private static RequestContext context(Envelope env, ByteBuf frame, int headerAt) {
        Header h = MessageCodec.peekHeader(frame, headerAt);
        int length = MessageCodec.peekHeaderAndBodyLength(frame, headerAt);
        return new RequestContext(env.sessionId(), env.requestId(), RequestContext.responseVersion(env),
                h == null ? OpCodes.RESERVED : h.opCode(), h == null ? 0 : h.opFlags(),
                h == null ? 0 : h.recursionCount(), frame, length < 0 ? -1 : headerAt, Math.max(length, 0));
    }

    /** An error answer to a request known only by its id (e.g. a frame refused for its length). */
    public ByteBuf errorReply(ByteBufAllocator alloc, int requestId, ProtocolException e) {
        RequestContext req = new RequestContext(0, requestId, UNKNOWN_PEER, OpCodes.RESERVED, 0, 0, null, -1, 0);
        return writer.error(alloc.buffer(64), req, e.responseCode(), e.getMessage());
    }

    /** §3 [CNRI]: input whose envelope can't be read is answered with opcode 0 and request id -1. */
    private ByteBuf undecodable(ByteBufAllocator alloc, int rc, String message) {
        RequestContext req = new RequestContext(0, -1, UNKNOWN_PEER, OpCodes.RESERVED, 0, 0, null, -1, 0);
        return writer.error(alloc.buffer(64), req, rc, message);
    }
}
