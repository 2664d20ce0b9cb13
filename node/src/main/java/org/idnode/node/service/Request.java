package org.idnode.node.service;

import org.idnode.node.auth.NeedsAuthentication;
import io.netty.buffer.ByteBuf;
import java.net.SocketAddress;
import org.idnode.node.auth.Identity;
import org.idnode.protocol.OpFlags;
import org.idnode.protocol.message.Message;
import org.idnode.protocol.message.MessageBody;
import org.idnode.protocol.model.ProtocolVersion;

/**
 * One request as the dispatcher decoded it, once: the message (envelope, header, body, credential),
 * the caller it was decided to come from, and the transport it came in on. Immutable; the frame
 * behind it is valid until the request is answered.
 */
public final class Request {
    private final Message message;
    private final RequestContext context;
    private final Caller caller;
    private final Interface iface;
    private final SocketAddress client;

    Request(Message message, RequestContext context, Caller caller, Interface iface, SocketAddress client) {
        this.message = message;
        this.context = context;
        this.caller = caller;
        this.iface = iface;
        this.client = client;
    }

    public Message message() {
        return message;
    }

    public MessageBody body() {
        return message.body();
    }

    public int opCode() {
        return message.header().opCode();
    }

    public boolean has(int flag) {
        return OpFlags.has(message.header().opFlags(), flag);
    }

    public ProtocolVersion version() {
        return context.version();
    }

    public Caller caller() {
        return caller;
    }

    /** The caller's proven identity; throws {@link NeedsAuthentication} (a challenge follows) when there is none. */
    public Identity identity() {
        Identity id = caller.identity();
        if (id == null) {
            throw NeedsAuthentication.INSTANCE;
        }
        return id;
    }

    public Interface iface() {
        return iface;
    }

    /** The peer's address; null for a caller without a socket (benchmarks). */
    public SocketAddress client() {
        return client;
    }

    RequestContext context() {
        return context;
    }

    /** The received frame (clear text); valid until answered. */
    ByteBuf frame() {
        return context.frame();
    }

    Request as(Caller c) {
        return new Request(message, context, c, iface, client);
    }
}
