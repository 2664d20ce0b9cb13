package org.idnode.node.transport;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.InetSocketAddress;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.idnode.node.service.Interface;
import org.idnode.node.service.ReplySink;
import org.idnode.node.service.RequestProcessor;
import org.idnode.node.transport.TransportCounters.Rejection;
import org.idnode.protocol.Limits;
import org.idnode.protocol.ProtocolException;
import org.idnode.protocol.ResponseCodes;
import org.idnode.protocol.codec.EnvelopeCodec;
import org.idnode.protocol.model.Envelope;

/**
 * UDP: one request per datagram, or several datagrams joined by {@link UdpReassembler}; replies longer
 * than one datagram are cut into 492-octet slices (handle-protocol.md §2).
 *
 * <p>A datagram's source address may be forged, so the node must not be usable as a reflector:
 * <ul>
 * <li>only a well-formed request is answered; anything else is dropped and counted;</li>
 * <li>each source address draws at most {@code udpRepliesPerSecond} replies ({@link UdpRateLimiter});</li>
 * <li>a reply larger than {@code udpReplyFactor} times its request goes only to a proven address
 * ({@link ProvenAddresses}); others get the response header alone with TC set, so the client
 * retries over TCP, which proves its address (the official client reads the header-only reply as a
 * failed UDP exchange and moves on to TCP at once; DNS does the same with TC).</li>
 * </ul>
 */
final class UdpRequestHandler extends SimpleChannelInboundHandler<DatagramPacket> {
    private final RequestProcessor processor;
    private final UdpReassembler reassembler;
    private final UdpRateLimiter rateLimiter;
    private final ProvenAddresses proven;
    private final int replyFactor;
    private final TransportCounters counters;
    private ScheduledFuture<?> expiry;

    UdpRequestHandler(RequestProcessor processor, UdpReassembler reassembler, UdpRateLimiter rateLimiter,
                      ProvenAddresses proven, int replyFactor, TransportCounters counters) {
        this.processor = processor;
        this.reassembler = reassembler;
        this.rateLimiter = rateLimiter;
        this.proven = proven;
        this.replyFactor = replyFactor;
        this.counters = counters;
    }

    /**
     * The expiry task starts when the handler is added: it is added to a channel that is already
     * active, so channelActive would never be seen here.
     */
    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        expiry = ctx.executor().scheduleAtFixedRate(() -> counters.rejected(Rejection.UDP_REASSEMBLY_TIMEOUT,
                reassembler.expire(System.nanoTime())), 250, 250, TimeUnit.MILLISECONDS);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        if (expiry != null) {
            expiry.cancel(false);
        }
        reassembler.clear();
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
        ByteBuf in = packet.content();
        InetSocketAddress sender = packet.sender();
        if (in.readableBytes() < Limits.ENVELOPE_SIZE) {
            counters.rejected(Rejection.UDP_UNDECODABLE);
            return;
        }
        Envelope env;
        try {
            env = EnvelopeCodec.decode(in.duplicate());
        } catch (ProtocolException e) {
            counters.rejected(Rejection.UDP_UNDECODABLE);
            return;
        }
        if (env.messageLength() + Limits.ENVELOPE_SIZE == in.readableBytes() && env.messageId() == 0) {
            answer(ctx, sender, in);
            return;
        }
        // §2 [CNRI]: only a TC request is reassembled; any other length mismatch is malformed.
        if (!env.truncated()) {
            counters.rejected(Rejection.UDP_MALFORMED);
            return;
        }
        ByteBuf frame;
        try {
            frame = reassembler.add(sender, env, in, ctx.alloc(), System.nanoTime());
        } catch (ProtocolException e) {
            counters.rejected(e.responseCode() == ResponseCodes.SERVER_TOO_BUSY
                    ? Rejection.UDP_REASSEMBLY_FULL : Rejection.UDP_MALFORMED_PIECE);
            return;
        }
        if (frame != null) {
            try {
                answer(ctx, sender, frame);
            } finally {
                frame.release();
            }
        }
    }

    private void answer(ChannelHandlerContext ctx, InetSocketAddress sender, ByteBuf frame) {
        long now = System.nanoTime();
        if (!rateLimiter.allow(sender.getAddress(), now)) {
            counters.rejected(Rejection.UDP_RATE_LIMITED);
            return;
        }
        Answer answer = new Answer(ctx, sender, frame.readableBytes(), now);
        processor.process(frame, Interface.UDP, sender, answer);
        if (!answer.given) {
            counters.rejected(Rejection.UDP_MALFORMED); // nothing to say to what was not a request
        }
    }

    /** Where one datagram request's answer goes; UDP serves reads only, so it is given at once. */
    private final class Answer implements ReplySink {
        private final ChannelHandlerContext ctx;
        private final InetSocketAddress sender;
        private final int requestSize;
        private final long now;
        boolean given;

        Answer(ChannelHandlerContext ctx, InetSocketAddress sender, int requestSize, long now) {
            this.ctx = ctx;
            this.sender = sender;
            this.requestSize = requestSize;
            this.now = now;
        }

        @Override
        public void send(ByteBuf response) {
            given = true;
            if (response.readableBytes() > (long) replyFactor * requestSize && !proven.isProven(sender.getAddress(), now)) {
                counters.rejected(Rejection.UDP_TRUNCATED);
                response = truncated(ctx, response);
            }
            if (ctx.executor().inEventLoop()) {
                reply(ctx, sender, response);
            } else {
                ByteBuf r = response;
                ctx.executor().execute(() -> {
                    reply(ctx, sender, r);
                    ctx.flush();
                });
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
    }

    /**
     * The response's envelope and header alone, TC set and body length 0 (releases {@code response}):
     * small enough for any source, and the signal to ask again over TCP.
     */
    static ByteBuf truncated(ChannelHandlerContext ctx, ByteBuf response) {
        try {
            int at = response.readerIndex();
            ByteBuf t = ctx.alloc().buffer(Limits.ENVELOPE_SIZE + Limits.HEADER_SIZE);
            t.writeBytes(response, at, Limits.ENVELOPE_SIZE + Limits.HEADER_SIZE);
            t.setByte(2, t.getByte(2) | Envelope.TRUNCATED);
            t.setInt(16, Limits.HEADER_SIZE); // messageLength: the header only
            t.setInt(Limits.ENVELOPE_SIZE + 20, 0); // §4: body length
            return t;
        } finally {
            response.release();
        }
    }

    /**
     * Replies are flushed once per read batch, so the datagrams answering one batch of reads leave
     * in one sendmmsg call instead of one sendto each (sendto was as costly as the RocksDB read).
     */
    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        ctx.flush();
        ctx.fireChannelReadComplete();
    }

    /** Sends {@code response} (envelope + message), cut into slices when it does not fit one datagram. */
    private void reply(ChannelHandlerContext ctx, InetSocketAddress to, ByteBuf response) {
        int message = response.readableBytes() - Limits.ENVELOPE_SIZE;
        if (message <= Limits.UDP_SLICE_SIZE) {
            ctx.write(new DatagramPacket(response, to));
            return;
        }
        try {
            int slices = (message + Limits.UDP_SLICE_SIZE - 1) / Limits.UDP_SLICE_SIZE;
            for (int i = 0; i < slices; i++) {
                int from = Limits.ENVELOPE_SIZE + i * Limits.UDP_SLICE_SIZE;
                int n = Math.min(Limits.UDP_SLICE_SIZE, message - i * Limits.UDP_SLICE_SIZE);
                ByteBuf d = ctx.alloc().buffer(Limits.ENVELOPE_SIZE + n);
                // [CNRI] §2: each slice repeats the envelope with messageId = slice number and the
                // whole message's length; TC is not set on responses.
                d.writeBytes(response, 0, Limits.ENVELOPE_SIZE);
                d.setInt(12, i);
                d.writeBytes(response, from, n);
                ctx.write(new DatagramPacket(d, to));
            }
        } finally {
            response.release();
        }
    }
}
