package org.idnode.protocol.client;

import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.net.InetSocketAddress;
import org.idnode.protocol.ProtocolException;
import org.idnode.protocol.codec.MessageCodec;
import org.idnode.protocol.message.Message;
import org.idnode.protocol.message.ResolutionRequest;

/**
 * A small blocking Handle client: one request, one reply, over UDP, TCP or binary HTTP, on plain JDK
 * sockets. Every exchange is bounded by {@link ClientOptions#timeout()} and by the §3 message size.
 * Stateless apart from its options, so one instance can be shared by threads; each call uses its own
 * socket. Replies come back decoded whatever their response code: an error reply is a result, not an
 * exception. Exceptions mean no usable reply: {@link IOException} (including
 * {@link java.net.SocketTimeoutException}) for the network, {@link ProtocolException} for a reply
 * that cannot be decoded or answers another request.
 */
public final class HandleClient {
    private final ClientOptions options;

    public HandleClient(ClientOptions options) {
        this.options = options;
    }

    public HandleClient() {
        this(ClientOptions.defaults());
    }

    public ClientOptions options() {
        return options;
    }

    /** Resolves with a fresh request id and the options' op flags. */
    public Message resolve(Transport via, InetSocketAddress server, ResolutionRequest request) throws IOException {
        Message m = Requests.resolution(Requests.newRequestId(), request, options.opFlags());
        return send(via, server, m, request.handle());
    }

    public Message resolve(Transport via, InetSocketAddress server, String handle) throws IOException {
        return resolve(via, server, ResolutionRequest.all(handle));
    }

    /**
     * Sends any request message and returns the first reply message. {@code pathHandle} names the
     * handle in the HTTP request path (§17; "/" would do for requests about no handle); ignored by
     * UDP and TCP. Continued replies (CN, §4) are not followed: only the first message is read.
     */
    public Message send(Transport via, InetSocketAddress server, Message request, String pathHandle) throws IOException {
        return exchange(via, server, Requests.encode(request), pathHandle).message();
    }

    /** A reply as received (envelope + message, for checking its signature, §9) and decoded. */
    public record Received(byte[] frame, Message message) {
        public Received {
            frame = frame.clone();
        }

        @Override
        public byte[] frame() {
            return frame.clone();
        }
    }

    /**
     * Sends an encoded request (envelope + message, e.g. signed or MAC'd already) and returns the
     * first reply both as received and decoded; checks that it answers this request.
     */
    public Received exchange(Transport via, InetSocketAddress server, byte[] encoded, String pathHandle)
            throws IOException {
        int requestId = Unpooled.wrappedBuffer(encoded).getInt(8);
        Deadline deadline = Deadline.after(options.timeout());
        byte[] frame = switch (via) {
            case UDP -> UdpExchange.exchange(server, encoded, requestId, options.udpWaits(), deadline);
            case TCP -> StreamExchange.tcp(server, encoded, deadline);
            case HTTP -> StreamExchange.http(server, pathHandle == null ? "" : pathHandle, encoded, deadline);
        };
        Message reply = MessageCodec.decode(Unpooled.wrappedBuffer(frame));
        int got = reply.envelope().requestId();
        // -1 is what a server answers when it could not read our request id (§3).
        if (got != requestId && got != -1) {
            throw ProtocolException.malformed("reply requestId", got, String.valueOf(requestId));
        }
        return new Received(frame, reply);
    }
}
