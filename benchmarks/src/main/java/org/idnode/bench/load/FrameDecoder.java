package org.idnode.bench.load;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;
import org.idnode.protocol.Limits;

/**
 * Cuts a TCP stream into envelope + message frames (handle-protocol.md §2). The announced length
 * is checked against §3's cap before anything is buffered; after a bad length the stream can't be
 * resynchronised, so a {@link BadFrame} is passed on once and everything after it is dropped.
 */
final class FrameDecoder extends ByteToMessageDecoder {
    private boolean broken;

    /** A frame whose envelope announced a length outside 0..262,144. */
    record BadFrame(int requestId, int length) {
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (broken) {
            in.skipBytes(in.readableBytes());
            return;
        }
        if (in.readableBytes() < Limits.ENVELOPE_SIZE) {
            return;
        }
        int length = in.getInt(in.readerIndex() + 16);
        if (length < 0 || length > Limits.MAX_MESSAGE_LENGTH) {
            broken = true;
            out.add(new BadFrame(in.getInt(in.readerIndex() + 8), length));
            in.skipBytes(in.readableBytes());
            return;
        }
        if (in.readableBytes() < Limits.ENVELOPE_SIZE + length) {
            return;
        }
        out.add(in.readRetainedSlice(Limits.ENVELOPE_SIZE + length));
    }
}
