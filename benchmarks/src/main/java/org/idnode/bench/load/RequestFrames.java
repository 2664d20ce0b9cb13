package org.idnode.bench.load;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.util.ArrayList;
import java.util.List;
import org.idnode.protocol.Limits;
import org.idnode.protocol.OpCodes;
import org.idnode.protocol.OpFlags;
import org.idnode.protocol.codec.MessageCodec;
import org.idnode.protocol.message.Message;
import org.idnode.protocol.message.ResolutionRequest;
import org.idnode.protocol.model.Envelope;
import org.idnode.protocol.model.Header;
import org.idnode.protocol.model.ProtocolVersion;

/**
 * Resolution requests as the stock client sends them (handle-protocol.md §8.2): all values, flags
 * REC|CA|PO, expiration now + 12 h, encoded with the project's own codec.
 */
final class RequestFrames {
    private static final int EXPIRY_SECONDS = 12 * 3600;
    /** We hold no site info, so the serial we send is "unknown" (§4). */
    private static final int UNKNOWN_SERIAL = -1;

    private RequestFrames() {
    }

    /** Envelope + message of a resolution of {@code handle}; the caller owns the buffer. */
    static ByteBuf resolution(ByteBufAllocator alloc, int requestId, String handle) {
        Envelope env = Envelope.of(ProtocolVersion.OURS, ProtocolVersion.OURS, 0, requestId);
        int expiration = (int) (System.currentTimeMillis() / 1000) + EXPIRY_SECONDS;
        Header h = new Header(OpCodes.RESOLUTION, 0, OpFlags.CLIENT_DEFAULT, UNKNOWN_SERIAL, 0, expiration);
        ByteBuf out = alloc.buffer(80 + handle.length() * 3);
        try {
            MessageCodec.encode(new Message(env, h, null, ResolutionRequest.all(handle), null), out);
            return out;
        } catch (RuntimeException e) {
            out.release();
            throw e;
        }
    }

    /**
     * Cuts a frame into datagrams (§2): one as it is when the message fits in 492 octets, else
     * 492-octet slices each behind a copy of the envelope with TC set and messageId = slice number.
     * Takes ownership of {@code frame} (returned as is, or released once sliced); the caller owns
     * the returned buffers.
     */
    static List<ByteBuf> datagrams(ByteBuf frame, ByteBufAllocator alloc) {
        int length = frame.readableBytes() - Limits.ENVELOPE_SIZE;
        if (length <= Limits.UDP_SLICE_SIZE) {
            return List.of(frame);
        }
        try {
            int start = frame.readerIndex();
            int slices = (length + Limits.UDP_SLICE_SIZE - 1) / Limits.UDP_SLICE_SIZE;
            List<ByteBuf> out = new ArrayList<>(slices);
            for (int n = 0; n < slices; n++) {
                int from = n * Limits.UDP_SLICE_SIZE;
                int size = Math.min(Limits.UDP_SLICE_SIZE, length - from);
                ByteBuf d = alloc.buffer(Limits.ENVELOPE_SIZE + size);
                d.writeBytes(frame, start, Limits.ENVELOPE_SIZE);
                d.setByte(2, d.getByte(2) | Envelope.TRUNCATED);
                d.setInt(12, n);
                d.writeBytes(frame, start + Limits.ENVELOPE_SIZE + from, size);
                out.add(d);
            }
            return out;
        } finally {
            frame.release();
        }
    }
}
