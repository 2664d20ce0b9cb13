package org.idnode.node.transport;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import org.idnode.node.service.Interface;
import org.idnode.node.service.RequestProcessor;
import org.idnode.protocol.Limits;
import org.idnode.node.transport.TransportCounters.Rejection;
import org.idnode.protocol.ProtocolException;
import org.idnode.protocol.ResponseCodes;
import org.idnode.protocol.codec.EnvelopeCodec;
import org.idnode.protocol.model.Envelope;

/**
 * UDP: one request per datagram, or several datagrams joined by {@link UdpReassembler}; replies longer
 * than one datagram are cut into 492-octet slices (handle-protocol.md §2).
 *
 * <p>Datagrams whose envelope can't be read are dropped without an answer: replying to garbage from
 * a forged source address would make the node a reflector. Anything with a readable envelope gets a
 * Handle error response.
 */
final class UdpRequestHandler extends SimpleChannelInboundHandler<DatagramPacket> {
    private final RequestProcessor processor;
    private final UdpReassembler reassembler;
    private final TransportCounters counters;

    UdpRequestHandler(RequestProcessor processor, int maxPending, long timeoutNanos, TransportCounters counters) {
        this.processor = processor;
        this.reassembler = new UdpReassembler(maxPending, timeoutNanos);
        this.counters = counters;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        ctx.executor().scheduleAtFixedRate(() -> counters.rejected(Rejection.UDP_REASSEMBLY_TIMEOUT,
                reassembler.expire(System.nanoTime())), 1, 1, TimeUnit.SECONDS);
        ctx.fireChannelActive();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        reassembler.clear();
        ctx.fireChannelInactive();
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
        ByteBuf frame;
        boolean joined = false;
        if (env.messageLength() + Limits.ENVELOPE_SIZE == in.readableBytes() && env.messageId() == 0) {
            frame = in;
        } else {
            // §2 [CNRI]: only a TC request is reassembled; anything else with a length mismatch is answered as malformed.
            if (!env.truncated()) {
                reply(ctx, sender, processor.process(in, Interface.UDP, sender, ctx.alloc()));
                return;
            }
            try {
                frame = reassembler.add(sender, env, in, ctx.alloc(), System.nanoTime());
            } catch (ProtocolException e) {
                counters.rejected(e.responseCode() == ResponseCodes.SERVER_TOO_BUSY
                        ? Rejection.UDP_REASSEMBLY_FULL : Rejection.UDP_MALFORMED_PIECE);
                reply(ctx, sender, processor.errorReply(ctx.alloc(), env.requestId(), e));
                return;
            }
            if (frame == null) {
                return;
            }
            joined = true;
        }
        try {
            reply(ctx, sender, processor.process(frame, Interface.UDP, sender, ctx.alloc()));
        } finally {
            if (joined) {
                frame.release();
            }
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
