package org.idnode.node.transport;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.idnode.protocol.Limits;
import org.idnode.protocol.ProtocolException;
import org.idnode.protocol.ResponseCodes;
import org.idnode.protocol.model.Envelope;

/**
 * Joins the datagrams of a multi-datagram request (handle-protocol.md §2): the client sets TC on each,
 * every one carries the whole message's length and its slice number in messageId, slice n sits at
 * n*492. Pieces are keyed by (sender, request id) and wait at most the configured time.
 *
 * <p>What a request in assembly holds grows with the octets that arrived, not with the length its
 * envelope announces: each piece is copied into an array of its own size, and the whole message is
 * only built once the last piece is in. Held octets are bounded three ways: the number of requests
 * in assembly, the octets of one source address, and the octets of all sources ({@link ByteBudget},
 * shared by the UDP sockets). Used from one event loop thread only (the UDP channel's).
 */
final class UdpReassembler {
    /** Bookkeeping charged per piece besides its payload (array header, list slot). */
    static final int PIECE_OVERHEAD = 32;

    private final int maxPending;
    private final long timeoutNanos;
    private final long perSourceBytes;
    private final ByteBudget budget;
    private final Map<Key, Pending> pending = new HashMap<>();
    private final Map<InetAddress, long[]> bySource = new HashMap<>();

    UdpReassembler(int maxPending, long timeoutNanos, long perSourceBytes, ByteBudget budget) {
        this.maxPending = maxPending;
        this.timeoutNanos = timeoutNanos;
        this.perSourceBytes = perSourceBytes;
        this.budget = budget;
    }

    /**
     * Adds one datagram (reader index at its envelope). Returns the whole frame (envelope + message)
     * when the last piece arrived, else null. Throws ProtocolException for pieces that can't belong
     * to a valid message (RC 4), or when a bound is reached (RC 3, server too busy).
     */
    ByteBuf add(InetSocketAddress sender, Envelope env, ByteBuf datagram, ByteBufAllocator alloc, long now) {
        int slices = (env.messageLength() + Limits.UDP_SLICE_SIZE - 1) / Limits.UDP_SLICE_SIZE;
        int slice = env.messageId();
        if (slice < 0 || slice >= slices) {
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
                    throw busy("too many multi-datagram requests in assembly");
                }
            }
            byte[] envelope = new byte[Limits.ENVELOPE_SIZE];
            datagram.getBytes(datagram.readerIndex(), envelope);
            p = new Pending(sender.getAddress(), envelope, slices, env.messageLength(), now);
            pending.put(key, p);
        } else if (p.length != env.messageLength()) {
            throw ProtocolException.malformed("envelope messageLength", env.messageLength(), p.length + " as in the first piece");
        }
        if (!p.received.get(slice)) {
            charge(p, payload + PIECE_OVERHEAD, key);
            byte[] piece = new byte[payload];
            datagram.getBytes(datagram.readerIndex() + Limits.ENVELOPE_SIZE, piece);
            p.received.set(slice);
            p.pieces.add(new Piece(slice, piece));
        }
        if (p.pieces.size() < p.slices) {
            return null;
        }
        drop(key, p);
        ByteBuf whole = alloc.buffer(Limits.ENVELOPE_SIZE + p.length);
        whole.writeBytes(p.envelope);
        whole.writerIndex(Limits.ENVELOPE_SIZE + p.length);
        for (Piece piece : p.pieces) {
            whole.setBytes(Limits.ENVELOPE_SIZE + piece.index * Limits.UDP_SLICE_SIZE, piece.data);
        }
        whole.setInt(12, 0); // the joined frame is message 0
        whole.setByte(2, whole.getByte(2) & ~Envelope.TRUNCATED);
        return whole;
    }

    /** Takes {@code n} octets for {@code p} from its source's share and the global budget, or gives up the whole request. */
    private void charge(Pending p, int n, Key key) {
        long[] source = bySource.computeIfAbsent(p.source, a -> new long[1]);
        if (source[0] + n > perSourceBytes) {
            drop(key, p);
            throw busy("multi-datagram requests of this source hold " + source[0] + " octets (limit " + perSourceBytes + ")");
        }
        if (!budget.tryReserve(n)) {
            drop(key, p);
            throw busy("multi-datagram requests hold " + budget.used() + " octets (limit " + budget.limit() + ")");
        }
        source[0] += n;
        p.held += n;
    }

    private static ProtocolException busy(String message) {
        return new ProtocolException(ResponseCodes.SERVER_TOO_BUSY, message);
    }

    /** Forgets {@code p} and returns what it held. */
    private void drop(Key key, Pending p) {
        pending.remove(key);
        release(p);
    }

    private void release(Pending p) {
        if (p.held == 0) {
            return;
        }
        budget.release(p.held);
        long[] source = bySource.get(p.source);
        if (source != null) {
            source[0] -= p.held;
            if (source[0] <= 0) {
                bySource.remove(p.source);
            }
        }
        p.held = 0;
    }

    /** Drops requests whose pieces did not all arrive within the timeout; returns how many. */
    int expire(long now) {
        int dropped = 0;
        for (Iterator<Pending> it = pending.values().iterator(); it.hasNext(); ) {
            Pending p = it.next();
            if (now - p.started > timeoutNanos) {
                release(p);
                it.remove();
                dropped++;
            }
        }
        return dropped;
    }

    int pendingCount() {
        return pending.size();
    }

    /** Octets held for {@code source}'s requests in assembly. */
    long heldBy(InetAddress source) {
        long[] s = bySource.get(source);
        return s == null ? 0 : s[0];
    }

    void clear() {
        pending.values().forEach(this::release);
        pending.clear();
    }

    private record Key(InetSocketAddress sender, int requestId) {
    }

    private record Piece(int index, byte[] data) {
    }

    private static final class Pending {
        final InetAddress source;
        final byte[] envelope;
        /** Grows with the highest slice seen, not with the announced length. */
        final BitSet received = new BitSet();
        final List<Piece> pieces = new ArrayList<>(2);
        final int slices;
        final int length;
        final long started;
        long held;

        Pending(InetAddress source, byte[] envelope, int slices, int length, long started) {
            this.source = source;
            this.envelope = envelope;
            this.slices = slices;
            this.length = length;
            this.started = started;
        }
    }
}
