package org.idnode.node.transport;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import org.idnode.protocol.Limits;
import org.idnode.protocol.ProtocolException;
import org.idnode.protocol.model.Envelope;

/**
 * Joins the datagrams of a multi-datagram request (handle-protocol.md §2): the client sets TC on each,
 * every one carries the whole message's length and its slice number in messageId, slice n sits at
 * n*492. Pieces are keyed by (sender, request id), wait at most the configured time, and the number
 * of requests in assembly is bounded so a flood of first pieces can't exhaust memory.
 * Used from one event loop thread only (the UDP channel's), so it needs no locks.
 */
final class UdpReassembler {
    private final int maxPending;
    private final long timeoutNanos;
    private final Map<Key, Pending> pending = new HashMap<>();

    UdpReassembler(int maxPending, long timeoutNanos) {
        this.maxPending = maxPending;
        this.timeoutNanos = timeoutNanos;
    }

    /**
     * Adds one datagram (reader index at its envelope). Returns the whole frame (envelope + message)
     * when the last piece arrived, else null. Throws ProtocolException for pieces that can't belong
     * to a valid message.
     */
    ByteBuf add(InetSocketAddress sender, Envelope env, ByteBuf datagram, ByteBufAllocator alloc, long now) {
        int slices = (env.messageLength() + Limits.UDP_SLICE_SIZE - 1) / Limits.UDP_SLICE_SIZE;
        int slice = env.messageId();
        if (slice >= slices) {
            throw ProtocolException.malformed("envelope messageId", slice, "0.." + (slices - 1));
        }
        int payload = datagram.readableBytes() - Limits.ENVELOPE_SIZE;
        int expected = slice == slices - 1 ? env.messageLength() - slice * Limits.UDP_SLICE_SIZE : Limits.UDP_SLICE_SIZE;
        if (payload != expected) {
            throw ProtocolException.malformed("datagram payload", payload, expected + " octets for slice " + slice);
        }
        Key key = new Key(sender, env.requestId());
        Pending p = pending.get(key);
        if (p == null) {
            if (pending.size() >= maxPending) {
                expire(now);
                if (pending.size() >= maxPending) {
                    throw new ProtocolException(org.idnode.protocol.ResponseCodes.SERVER_TOO_BUSY,
                            "too many multi-datagram requests in assembly");
                }
            }
            p = new Pending(alloc.buffer(Limits.ENVELOPE_SIZE + env.messageLength()), slices, env.messageLength(), now);
            datagram.getBytes(datagram.readerIndex(), p.buf, 0, Limits.ENVELOPE_SIZE);
            pending.put(key, p);
        } else if (p.length != env.messageLength()) {
            throw ProtocolException.malformed("envelope messageLength", env.messageLength(), p.length + " as in the first piece");
        }
        if (!p.received[slice]) {
            p.received[slice] = true;
            p.missing--;
            datagram.getBytes(datagram.readerIndex() + Limits.ENVELOPE_SIZE, p.buf,
                    Limits.ENVELOPE_SIZE + slice * Limits.UDP_SLICE_SIZE, payload);
        }
        if (p.missing > 0) {
            return null;
        }
        pending.remove(key);
        ByteBuf whole = p.buf;
        whole.writerIndex(Limits.ENVELOPE_SIZE + p.length);
        whole.setInt(12, 0); // the joined frame is message 0
        whole.setByte(2, whole.getByte(2) & ~Envelope.TRUNCATED);
        return whole;
    }

    /** Drops requests whose pieces did not all arrive in time. */
    int expire(long now) {
        int dropped = 0;
        for (Iterator<Pending> it = pending.values().iterator(); it.hasNext(); ) {
            Pending p = it.next();
            if (now - p.started > timeoutNanos) {
                p.buf.release();
                it.remove();
                dropped++;
            }
        }
        return dropped;
    }

    int pendingCount() {
        return pending.size();
    }

    void clear() {
        pending.values().forEach(p -> p.buf.release());
        pending.clear();
    }

    private record Key(InetSocketAddress sender, int requestId) {
    }

    private static final class Pending {
        final ByteBuf buf;
        final boolean[] received;
        final int length;
        final long started;
        int missing;

        Pending(ByteBuf buf, int slices, int length, long started) {
            this.buf = buf;
            this.received = new boolean[slices];
            this.missing = slices;
            this.length = length;
            this.started = started;
        }
    }
}
