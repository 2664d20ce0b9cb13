package org.idnode.node.service;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.net.SocketAddress;
import java.util.List;
import org.idnode.protocol.Limits;
import org.idnode.protocol.OpCodes;
import org.idnode.protocol.ProtocolException;
import org.idnode.protocol.ResponseCodes;
import org.idnode.protocol.codec.EnvelopeCodec;
import org.idnode.protocol.codec.MessageCodec;
import org.idnode.protocol.message.Message;
import org.idnode.protocol.message.ResolutionRequest;
import org.idnode.protocol.model.Envelope;
import org.idnode.protocol.model.ProtocolVersion;

/**
 * Turns one request frame (envelope + message, as on TCP, in an HTTP body, or reassembled from
 * datagrams) into one response frame. The dispatcher of the hot path, and the one place where any
 * failure becomes a Handle error response with the right code: it never throws.
 */
public final class RequestProcessor {
    private static final ProtocolVersion UNKNOWN_PEER = new ProtocolVersion(2, 3);

    private final Resolver resolver;
    private final byte[] siteInfo;
    private final ResponseWriter writer;
    private final RequestObserver observer;
    private final ServerFailures failures;

    public RequestProcessor(Resolver resolver, byte[] siteInfo, int siteSerial, ResponseSigner signer) {
        this(resolver, siteInfo, siteSerial, signer, RequestObserver.NONE, new ServerFailures());
    }

    public RequestProcessor(Resolver resolver, byte[] siteInfo, int siteSerial, ResponseSigner signer,
                            RequestObserver observer, ServerFailures failures) {
        this.failures = failures;
        this.resolver = resolver;
        this.siteInfo = siteInfo.clone();
        this.writer = new ResponseWriter(siteSerial, signer);
        this.observer = observer;
    }

    public Resolver resolver() {
        return resolver;
    }

    /**
     * Processes {@code frame} (not released here) and returns the response; never throws. Returns
     * null only on an interface that does not answer malformed input ({@link Interface#answersMalformed()}).
     */
    public ByteBuf process(ByteBuf frame, Interface iface, ByteBufAllocator alloc) {
        return process(frame, iface, null, alloc);
    }

    /**
     * As {@link #process(ByteBuf, Interface, ByteBufAllocator)}, for a request from {@code client}; the
     * one place where binary requests are observed (metrics, access log).
     */
    public ByteBuf process(ByteBuf frame, Interface iface, SocketAddress client, ByteBufAllocator alloc) {
        long started = observer.started(iface);
        int at = frame.readerIndex();
        ByteBuf response = answer(frame, iface, alloc);
        frame.readerIndex(at); // the observer reads the request from its envelope on
        if (response != null) {
            observer.answered(iface, started, client, frame, response);
        }
        return response;
    }

    private ByteBuf answer(ByteBuf frame, Interface iface, ByteBufAllocator alloc) {
        int start = frame.readerIndex();
        if (frame.readableBytes() < Limits.ENVELOPE_SIZE + Limits.HEADER_SIZE) {
            return iface.answersMalformed() ? undecodable(alloc, ResponseCodes.PROTOCOL_ERROR,
                    "message: " + frame.readableBytes() + " octets (expected: at least 44)") : null;
        }
        Envelope env;
        try {
            env = EnvelopeCodec.decode(frame);
        } catch (ProtocolException e) {
            frame.readerIndex(start);
            return iface.answersMalformed() ? undecodable(alloc, e.responseCode(), e.getMessage()) : null;
        }
        int headerAt = frame.readerIndex();
        RequestContext req = context(env, frame, headerAt);
        Message m;
        try {
            m = decodeRequest(env, frame);
        } catch (ProtocolException e) {
            frame.readerIndex(start);
            return iface.answersMalformed() ? writer.error(alloc.buffer(128), req, e.responseCode(), e.getMessage()) : null;
        }
        ByteBuf out = alloc.buffer(256);
        try {
            if (env.encrypted()) {
                throw new ProtocolException(ResponseCodes.SESSION_FAILED, "encrypted message, but no session is open");
            }
            return dispatch(m, req, iface, out);
        } catch (ProtocolException e) {
            out.clear();
            return writer.error(out, req, e.responseCode(), e.getMessage());
        } catch (RuntimeException e) {
            // Storage or programming failure: the client gets RC_ERROR, the operator a rate-limited log line.
            ServerFailures.Kind kind = failures.record(e, OpCodes.name(req.opCode()) + " over " + iface.label());
            out.clear();
            return writer.error(out, req, ResponseCodes.ERROR,
                    kind == ServerFailures.Kind.STORAGE ? "storage error" : "internal error");
        } finally {
            frame.readerIndex(start);
        }
    }

    /** The message behind the envelope, if it is a well-formed request; an encrypted one is left undecoded (null). */
    private static Message decodeRequest(Envelope env, ByteBuf frame) {
        if (frame.readableBytes() != env.messageLength()) {
            throw ProtocolException.malformed("envelope messageLength", env.messageLength(),
                    frame.readableBytes() + " (the octets that follow)");
        }
        if (env.encrypted()) {
            return null;
        }
        Message m = MessageCodec.decode(env, frame);
        if (!m.header().isRequest()) {
            throw ProtocolException.malformed("responseCode", m.header().responseCode(), "0 in a request");
        }
        return m;
    }

    private ByteBuf dispatch(Message m, RequestContext req, Interface iface, ByteBuf out) {
        int op = m.header().opCode();
        if (OpCodes.isAdmin(op) && !iface.acceptsAdmin()) {
            // §2 [CNRI]: admin opcodes on a query-only interface.
            throw ProtocolException.malformed(OpCodes.name(op) + " on a query-only interface (use TCP or HTTP)");
        }
        return switch (op) {
            case OpCodes.RESOLUTION -> resolution((ResolutionRequest) m.body(), req, out);
            case OpCodes.GET_SITE_INFO -> {
                int start = out.writerIndex();
                int at = writer.begin(out, req, op, ResponseCodes.SUCCESS);
                out.writeBytes(siteInfo);
                yield writer.finish(out, start, at, req);
            }
            default -> throw new ProtocolException(ResponseCodes.OPERATION_NOT_SUPPORTED,
                    OpCodes.name(op) + " is not served by this node");
        };
    }

    private ByteBuf resolution(ResolutionRequest r, RequestContext req, ByteBuf out) {
        Resolution res = resolver.resolve(r.handle(), toArray(r.indexes()), Resolver.typeFilter(r.types()));
        if (!res.success()) {
            return writer.error(out, req, res.responseCode(), res.message());
        }
        int start = out.writerIndex();
        int at = writer.begin(out, req, OpCodes.RESOLUTION, ResponseCodes.SUCCESS);
        // §8.2: echo the request's handle octets as received (str: int4 length + octets).
        int handleAt = req.headerAt() + Limits.HEADER_SIZE;
        out.writeBytes(req.frame(), handleAt, 4 + req.frame().getInt(handleAt));
        writeValues(res, out);
        return writer.finish(out, start, at, req);
    }

    /** The stored bytes behind the header: all of them, or the selected values. */
    static void writeValues(Resolution res, ByteBuf out) {
        byte[] record = res.record();
        int[] sel = res.selected();
        if (sel == null) {
            out.writeBytes(record, 2, record.length - 2);
            return;
        }
        out.writeInt(res.count());
        for (int i = 0; i < res.count(); i++) {
            out.writeBytes(record, sel[2 * i], sel[2 * i + 1]);
        }
    }

    private static int[] toArray(List<Integer> l) {
        int[] a = new int[l.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = l.get(i);
        }
        return a;
    }

    private static RequestContext context(Envelope env, ByteBuf frame, int headerAt) {
        int readable = frame.writerIndex() - headerAt;
        int opCode = readable >= 4 ? frame.getInt(headerAt) : 0;
        int flags = readable >= 12 ? frame.getInt(headerAt + 8) : 0;
        int recursion = readable >= 15 ? frame.getUnsignedByte(headerAt + 14) : 0;
        int bodyLength = readable >= Limits.HEADER_SIZE ? frame.getInt(headerAt + 20) : -1;
        boolean whole = bodyLength >= 0 && bodyLength <= readable - Limits.HEADER_SIZE;
        return new RequestContext(env.sessionId(), env.requestId(), RequestContext.responseVersion(env), opCode, flags,
                recursion, frame, whole ? headerAt : -1, whole ? Limits.HEADER_SIZE + bodyLength : 0);
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
