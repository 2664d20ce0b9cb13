package org.idnode.protocol.client;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.idnode.protocol.Limits;
import org.idnode.protocol.OpCodes;
import org.idnode.protocol.OpFlags;
import org.idnode.protocol.ProtocolException;
import org.idnode.protocol.ResponseCodes;
import org.idnode.protocol.auth.MessageSigner;
import org.idnode.protocol.codec.EnvelopeCodec;
import org.idnode.protocol.codec.MessageCodec;
import org.idnode.protocol.message.ChallengeAnswerRequest;
import org.idnode.protocol.message.Message;
import org.idnode.protocol.message.MessageBody;
import org.idnode.protocol.message.SessionTerminateRequest;
import org.idnode.protocol.model.Credential;
import org.idnode.protocol.model.Envelope;

/**
 * A session (§15) over one kept-alive TCP connection: set up by Diffie-Hellman (OC 400, mode 4),
 * then every request carries the session id and an HS_MAC with a counter that increases by one per
 * request, and every reply must carry an HS_MAC with the session key and that request's counter.
 *
 * <p>Requests are pipelined: {@link #submit} writes at once and the reply completes its future, matched
 * by request id in whatever order replies come. Counters are given out in the order requests are
 * written, so the server sees them increasing (it tolerates a little reordering, not a lot). In a
 * session with an identity the server challenges the first admin request (reusing the session id,
 * §15) and then takes the session as authenticated; so the first request is sent alone and its
 * challenge answered, and the rest wait for its reply, instead of all being challenged and all but
 * the last challenge being forgotten by the server. Requests that are never challenged (resolution,
 * session terminate) are not held back.
 *
 * <p>A reply read by the reader thread completes its future on that thread: callers must not block
 * in what they chain to it. Closing (or losing) the connection fails every outstanding request.
 */
public final class ClientSession implements AutoCloseable {
    /** §8.8: what CNRI clients ask for; the server caps it. */
    public static final int DEFAULT_LIFETIME_SECONDS = 86_400;

    private final Socket socket;
    private final OutputStream out;
    private final DataInputStream in;
    private final ClientIdentity identity;
    private final PublicKey serverKey;
    private final ClientOptions options;
    private final int sessionId;
    private final byte[] key;
    private final Map<Integer, Call> pending = new ConcurrentHashMap<>();
    private final CompletableFuture<Void> firstAnswered = new CompletableFuture<>();
    private final AtomicInteger firstTaken = new AtomicInteger();
    private final Thread reader;
    private int counter; // guarded by out
    private volatile boolean closed;

    /** One request until its final reply: the request id it is now waiting under may change once (challenge answer). */
    private static final class Call {
        final CompletableFuture<Message> reply = new CompletableFuture<>();
        final byte[] encoded;
        final int counter;
        final boolean first;
        volatile boolean answered;

        Call(byte[] encoded, int counter, boolean first) {
            this.encoded = encoded;
            this.counter = counter;
            this.first = first;
        }
    }

    private ClientSession(Socket socket, DataInputStream in, ClientIdentity identity, PublicKey serverKey,
                          ClientOptions options, SessionSetup.Agreed agreed) throws IOException {
        this.socket = socket;
        this.out = new BufferedOutputStream(socket.getOutputStream(), 16 * 1024);
        this.in = in;
        this.identity = identity;
        this.serverKey = serverKey;
        this.options = options;
        this.sessionId = agreed.sessionId();
        this.key = agreed.key();
        if (identity == null) {
            firstAnswered.complete(null);
        }
        this.reader = new Thread(this::readReplies, "idnode-session-" + sessionId);
        reader.setDaemon(true);
    }

    /**
     * Connects and sets up a session as {@code identity} (null: anonymous). With {@code serverKey} the
     * setup reply, challenges and unMAC'd errors must be signed with it (§9, §15); requests then carry CT.
     */
    public static ClientSession open(InetSocketAddress server, ClientIdentity identity, PublicKey serverKey,
                                     ClientOptions options) throws IOException {
        Deadline deadline = Deadline.after(options.timeout());
        SessionSetup setup = SessionSetup.request(identity, DEFAULT_LIFETIME_SECONDS, options.opFlags(), new SecureRandom());
        Socket s = StreamExchange.connect(server, deadline);
        try {
            OutputStream o = s.getOutputStream();
            o.write(setup.encoded());
            o.flush();
            BufferedInputStream bin = new BufferedInputStream(s.getInputStream(), 16 * 1024);
            byte[] frame = StreamExchange.readFrame(s, bin, deadline);
            Message reply = MessageCodec.decode(Unpooled.wrappedBuffer(frame));
            if (reply.envelope().requestId() != setup.requestId()) {
                throw ProtocolException.malformed("session setup reply requestId", reply.envelope().requestId(),
                        String.valueOf(setup.requestId()));
            }
            SessionSetup.Agreed agreed = setup.agree(frame, reply, serverKey);
            s.setSoTimeout(0); // the reader waits for replies as long as the session lives
            ClientSession session = new ClientSession(s, new DataInputStream(bin), identity, serverKey, options, agreed);
            session.reader.start();
            return session;
        } catch (IOException | RuntimeException e) {
            s.close();
            throw e;
        }
    }

    public int sessionId() {
        return sessionId;
    }

    /** The agreed key (HMAC key whole, AES key its first 16 octets, §15): for callers that build their own frames. */
    public byte[] sessionKey() {
        return key.clone();
    }

    public ClientIdentity identity() {
        return identity;
    }

    /** Sends and waits for the final reply, at most the options' timeout. */
    public Message send(int opCode, MessageBody body, int extraFlags) throws IOException {
        CompletableFuture<Message> f = submit(opCode, body, extraFlags);
        try {
            return f.get(options.timeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            f.cancel(false);
            throw new SocketTimeoutException("no reply in session " + sessionId + " within " + options.timeout().toMillis() + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted waiting for a reply", e);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof IOException io) {
                throw io;
            }
            if (c instanceof RuntimeException r) {
                throw r;
            }
            throw new IOException(c);
        }
    }

    /**
     * Sends {@code body} as {@code opCode} with the client's op flags plus {@code extraFlags} (e.g. OVRW)
     * and returns the future final reply: a challenge is answered on the way, replies are checked.
     * Fails with {@link IOException} when the connection is gone, {@link ProtocolException} when a
     * reply fails its checks (wrong MAC, unsigned).
     */
    public CompletableFuture<Message> submit(int opCode, MessageBody body, int extraFlags) {
        int flags = options.opFlags() | extraFlags | (serverKey != null ? OpFlags.CT : 0);
        if (!OpCodes.isAdmin(opCode)) {
            return write(opCode, body, flags, false); // not challenged (§14), so never held back
        }
        if (firstAnswered.isDone() || !firstTaken.compareAndSet(0, 1)) {
            if (firstAnswered.isDone()) {
                return write(opCode, body, flags, false);
            }
            // After the first request's reply. Not on the reader thread that completes it: a long queue
            // written from there could block on a full socket while the server, its replies unread,
            // stops reading from us. A caller that gives up (cancels) before then sends nothing;
            // after, its request leaves the table.
            CompletableFuture<Message> result = new CompletableFuture<>();
            firstAnswered.thenRunAsync(() -> {
                if (result.isDone()) {
                    return;
                }
                CompletableFuture<Message> sent = write(opCode, body, flags, false);
                sent.whenComplete((m, t) -> {
                    if (t != null) {
                        result.completeExceptionally(t);
                    } else {
                        result.complete(m);
                    }
                });
                result.whenComplete((m, t) -> {
                    if (result.isCancelled()) {
                        sent.cancel(false);
                    }
                });
            });
            return result;
        }
        return write(opCode, body, flags, true);
    }

    private CompletableFuture<Message> write(int opCode, MessageBody body, int flags, boolean first) {
        if (closed) {
            return CompletableFuture.failedFuture(new IOException("session " + sessionId + " is closed"));
        }
        Call call;
        int requestId;
        try {
            synchronized (out) {
                int c = ++counter;
                requestId = Requests.newRequestId();
                Message m = Requests.request(sessionId, requestId, opCode, body, flags);
                ByteBuf buf = Unpooled.buffer(256);
                MessageCodec.encode(m, buf);
                MessageSigner.mac(buf, key, c);
                byte[] encoded = new byte[buf.readableBytes()];
                buf.getBytes(buf.readerIndex(), encoded);
                call = new Call(encoded, c, first);
                if (pending.putIfAbsent(requestId, call) != null) {
                    // 2^31 random ids, a few hundred outstanding: not worth a retry loop.
                    throw new IllegalStateException("request id " + requestId + " already outstanding");
                }
                out.write(encoded);
                out.flush();
            }
        } catch (IOException e) {
            closeQuietly(e);
            return CompletableFuture.failedFuture(e);
        }
        int id = requestId;
        call.reply.whenComplete((m, t) -> {
            pending.remove(id, call); // a timed-out or cancelled call leaves the table
            if (call.first) {
                firstAnswered.complete(null);
            }
        });
        return call.reply;
    }

    private void readReplies() {
        IOException ended = null;
        try {
            while (!closed) {
                byte[] frame = readFrame();
                Message m;
                try {
                    m = MessageCodec.decode(Unpooled.wrappedBuffer(frame));
                } catch (ProtocolException e) {
                    Call c = pending.remove(Unpooled.wrappedBuffer(frame).getInt(8));
                    if (c != null) {
                        c.reply.completeExceptionally(e);
                    }
                    continue;
                }
                Call c = pending.remove(m.envelope().requestId());
                if (c != null) {
                    take(c, frame, m);
                }
            }
        } catch (IOException e) {
            ended = e;
        }
        closeQuietly(ended != null ? ended : new IOException("session " + sessionId + " closed"));
    }

    private void take(Call call, byte[] frame, Message m) {
        try {
            int rc = m.header().responseCode();
            if (rc == ResponseCodes.AUTHENTICATION_NEEDED) {
                // §9 [CNRI]: a challenge is signed with the server key even in a session, never MAC'd.
                if (serverKey != null) {
                    ReplySignatures.requireSigned(frame, m, serverKey);
                }
                if (identity != null && !call.answered) {
                    answer(call, m);
                    return;
                }
                call.reply.complete(m);
                return;
            }
            if (m.credential() != null && Credential.HS_MAC.equals(m.credential().type())) {
                // The reply to a challenge answer echoes the answer's counter, which is 0: the answer is not MAC'd.
                ReplySignatures.requireMac(frame, m, key, call.answered ? 0 : call.counter);
            } else if (rc == ResponseCodes.SUCCESS) {
                throw new ProtocolException(ResponseCodes.INVALID_CREDENTIAL,
                        "reply to request " + m.envelope().requestId() + " in session " + sessionId + " has no HS_MAC");
            } else if (serverKey != null) {
                // Errors the server gives before it knows the session (RC 500-505, failed answers) are signed, not MAC'd.
                ReplySignatures.requireSigned(frame, m, serverKey);
            }
            call.reply.complete(m);
        } catch (RuntimeException e) {
            call.reply.completeExceptionally(e);
        } catch (IOException e) {
            call.reply.completeExceptionally(e);
            closeQuietly(e);
        }
    }

    /** §15: OC 200 on the challenge's id (the session's), a new request id, no MAC; its reply is the request's. */
    private void answer(Call call, Message challenge) throws IOException {
        ChallengeAnswerRequest a = identity.answer(challenge, call.encoded);
        call.answered = true;
        int flags = options.opFlags();
        synchronized (out) {
            int requestId = Requests.newRequestId();
            pending.put(requestId, call);
            call.reply.whenComplete((m, t) -> pending.remove(requestId, call));
            out.write(Requests.encode(Requests.challengeAnswer(challenge.envelope().sessionId(), requestId, a,
                    flags | (serverKey != null ? OpFlags.CT : 0))));
            out.flush();
        }
    }

    private byte[] readFrame() throws IOException {
        byte[] env = new byte[Limits.ENVELOPE_SIZE];
        in.readFully(env);
        Envelope e = EnvelopeCodec.decode(Unpooled.wrappedBuffer(env)); // bounds messageLength (§3) before we allocate
        byte[] frame = new byte[Limits.ENVELOPE_SIZE + e.messageLength()];
        System.arraycopy(env, 0, frame, 0, env.length);
        in.readFully(frame, Limits.ENVELOPE_SIZE, e.messageLength());
        return frame;
    }

    /** Requests written and not yet answered. */
    public int outstanding() {
        return pending.size();
    }

    public boolean isOpen() {
        return !closed;
    }

    /** Ends the session (OC 401, best effort: not waited for) and closes the connection. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        try {
            submit(OpCodes.SESSION_TERMINATE, new SessionTerminateRequest("/"), 0);
        } catch (RuntimeException e) {
            // closing anyway
        }
        closeQuietly(new IOException("session " + sessionId + " closed"));
    }

    private void closeQuietly(IOException why) {
        closed = true;
        try {
            socket.close();
        } catch (IOException e) {
            // already gone
        }
        List<Call> left = new ArrayList<>(pending.values());
        pending.clear();
        for (Call c : left) {
            c.reply.completeExceptionally(why instanceof EOFException
                    ? new EOFException("session " + sessionId + ": connection closed with requests outstanding") : why);
        }
        firstAnswered.complete(null);
    }
}
