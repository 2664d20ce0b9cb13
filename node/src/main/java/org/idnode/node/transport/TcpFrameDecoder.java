package org.idnode.node.transport;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;
import org.idnode.protocol.Limits;

/**
 * Cuts a TCP stream into request frames (envelope + message, handle-protocol.md §2). The length in
 * the envelope is checked against the cap before anything is buffered, so an oversized or lying
 * frame costs 20 octets, not a megabyte; it is passed on as {@link OversizedFrame} so the handler
 * can answer in the protocol's terms and close.
 *
 * <p>The octets of an unfinished frame are drawn from the listener's shared input budget: a frame
 * is buffered up to its own length (at most the cap) and only while the budget has room, else
 * {@link RefusedFrame} goes on and the connection is answered RC 3 and closed. Without this, a few
 * thousand connections that each send all but the last octet of a large frame pin all direct
 * memory. The {@link RequestDeadline} learns when a frame begins and ends.
 */
final class TcpFrameDecoder extends ByteToMessageDecoder {
    private final int maxMessageLength;
    private final ByteBudget budget;
    private final RequestDeadline deadline;
    /** Octets of the unfinished frame charged to the budget. */
    private long held;

    TcpFrameDecoder(int maxFrameBytes, ByteBudget budget, RequestDeadline deadline) {
        this.maxMessageLength = Math.min(maxFrameBytes, Limits.MAX_MESSAGE_LENGTH + Limits.ENVELOPE_SIZE)
                - Limits.ENVELOPE_SIZE;
        this.budget = budget;
        this.deadline = deadline;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (in.readableBytes() >= Limits.ENVELOPE_SIZE) {
            int length = in.getInt(in.readerIndex() + 16);
            if (length < 0 || length > maxMessageLength) {
                out.add(new OversizedFrame(in.getInt(in.readerIndex() + 8), length, maxMessageLength));
                stop(ctx, in);
                return;
            }
            if (in.readableBytes() >= Limits.ENVELOPE_SIZE + length) {
                out.add(in.readRetainedSlice(Limits.ENVELOPE_SIZE + length));
                hold(0);
                deadline.end();
                return;
            }
        }
        // An unfinished frame: what is buffered of it must fit the budget.
        deadline.begin();
        if (!hold(in.readableBytes())) {
            out.add(new RefusedFrame(in.readableBytes() >= 12 ? in.getInt(in.readerIndex() + 8) : -1,
                    budget.used(), budget.limit()));
            stop(ctx, in);
        }
    }

    /** Charges {@code n} octets in all (releasing or reserving the difference); false if they don't fit. */
    private boolean hold(long n) {
        long delta = n - held;
        if (delta > 0 && !budget.tryReserve(delta)) {
            return false;
        }
        if (delta < 0) {
            budget.release(-delta);
        }
        held = n;
        return true;
    }

    /** Nothing more is read from a connection whose stream can't be trusted or buffered. */
    private void stop(ChannelHandlerContext ctx, ByteBuf in) {
        in.skipBytes(in.readableBytes());
        hold(0);
        ctx.channel().config().setAutoRead(false);
    }

    @Override
    protected void handlerRemoved0(ChannelHandlerContext ctx) {
        hold(0);
    }

    /** A frame whose envelope announced a length out of range. */
    record OversizedFrame(int requestId, int length, int max) {
    }

    /** An unfinished frame refused because the input budget is spent. */
    record RefusedFrame(int requestId, long used, long limit) {
    }
}
