package org.idnode.node.transport;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;
import org.idnode.protocol.Limits;

/**
 * Cuts a TCP stream into request frames (envelope + message, handle-protocol.md §2). The length in
 * the envelope is checked against the cap before anything is buffered, so an oversized or lying
 * frame costs 20 octets, not a megabyte. A bad length is passed on as {@link OversizedFrame} so the
 * handler can answer in the protocol's terms and close.
 */
final class TcpFrameDecoder extends ByteToMessageDecoder {
    private final int maxMessageLength;

    TcpFrameDecoder(int maxFrameBytes) {
        this.maxMessageLength = Math.min(maxFrameBytes, Limits.MAX_MESSAGE_LENGTH + Limits.ENVELOPE_SIZE)
                - Limits.ENVELOPE_SIZE;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (in.readableBytes() < Limits.ENVELOPE_SIZE) {
            return;
        }
        int length = in.getInt(in.readerIndex() + 16);
        if (length < 0 || length > maxMessageLength) {
            out.add(new OversizedFrame(in.getInt(in.readerIndex() + 8), length, maxMessageLength));
            in.skipBytes(in.readableBytes());
            ctx.channel().config().setAutoRead(false);
            return;
        }
        if (in.readableBytes() < Limits.ENVELOPE_SIZE + length) {
            return;
        }
        out.add(in.readRetainedSlice(Limits.ENVELOPE_SIZE + length));
    }

    /** A frame whose envelope announced a length out of range. */
    record OversizedFrame(int requestId, int length, int max) {
    }
}
