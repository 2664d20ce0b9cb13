package org.idnode.node.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import org.idnode.protocol.Limits;
import org.idnode.protocol.ProtocolException;
import org.idnode.protocol.ResponseCodes;
import org.idnode.protocol.codec.EnvelopeCodec;
import org.idnode.protocol.model.Envelope;
import org.junit.jupiter.api.Test;

/** Reassembly bounds and expiry, on a clock the test sets (nanos passed to each call). */
class UdpReassemblerTest {
    static final long SECOND = TimeUnit.SECONDS.toNanos(1);
    static final InetSocketAddress A = new InetSocketAddress("127.0.0.2", 5000);
    static final InetSocketAddress B = new InetSocketAddress("127.0.0.3", 5000);
    static final int ANNOUNCED = 262_144;

    /** Piece {@code slice} of a message of {@code length} octets, request id {@code id}, TC set. */
    static ByteBuf piece(int id, int slice, int length) {
        int slices = (length + Limits.UDP_SLICE_SIZE - 1) / Limits.UDP_SLICE_SIZE;
        int n = slice == slices - 1 ? length - slice * Limits.UDP_SLICE_SIZE : Limits.UDP_SLICE_SIZE;
        ByteBuf d = Unpooled.buffer(20 + n);
        d.writeByte(2).writeByte(10).writeByte(Envelope.TRUNCATED).writeByte(0);
        d.writeInt(0).writeInt(id).writeInt(slice).writeInt(length);
        for (int i = 0; i < n; i++) {
            d.writeByte((slice * Limits.UDP_SLICE_SIZE + i) & 0x7F);
        }
        return d;
    }

    static ByteBuf add(UdpReassembler r, InetSocketAddress from, ByteBuf d, long now) {
        Envelope env = EnvelopeCodec.decode(d.duplicate());
        return r.add(from, env, d, UnpooledByteBufAllocator.DEFAULT, now);
    }

    @Test
    void holdsWhatArrivedNotWhatTheEnvelopeAnnounces() {
        ByteBudget budget = new ByteBudget("udp", 16 << 20);
        UdpReassembler r = new UdpReassembler(10_000, 5 * SECOND, 1 << 20, budget);
        assertNull(add(r, A, piece(1, 0, ANNOUNCED), 0));
        assertEquals(Limits.UDP_SLICE_SIZE + UdpReassembler.PIECE_OVERHEAD, budget.used());
        assertEquals(budget.used(), r.heldBy(A.getAddress()));
    }

    @Test
    void joinsPiecesInAnyOrderAndGivesTheBudgetBack() {
        ByteBudget budget = new ByteBudget("udp", 16 << 20);
        UdpReassembler r = new UdpReassembler(10, 5 * SECOND, 1 << 20, budget);
        int length = 1200;
        assertNull(add(r, A, piece(7, 2, length), 0));
        assertNull(add(r, A, piece(7, 0, length), 1));
        assertNull(add(r, A, piece(7, 0, length), 2)); // a repeat changes nothing
        ByteBuf whole = add(r, A, piece(7, 1, length), 3);
        assertNotNull(whole);
        assertEquals(20 + length, whole.readableBytes());
        for (int i = 0; i < length; i++) {
            assertEquals(i & 0x7F, whole.getByte(20 + i), "octet " + i);
        }
        assertEquals(0, whole.getInt(12));
        assertEquals(0, whole.getByte(2) & Envelope.TRUNCATED);
        whole.release();
        assertEquals(0, budget.used());
        assertEquals(0, r.pendingCount());
    }

    @Test
    void aSourceCanNotHoldMoreThanItsShare() {
        ByteBudget budget = new ByteBudget("udp", 16 << 20);
        long perSource = 64 << 10;
        UdpReassembler r = new UdpReassembler(10_000, 5 * SECOND, perSource, budget);
        int accepted = 0;
        int refused = 0;
        for (int id = 0; id < 1000; id++) {
            try {
                add(r, A, piece(id, 0, ANNOUNCED), 0);
                accepted++;
            } catch (ProtocolException e) {
                assertEquals(ResponseCodes.SERVER_TOO_BUSY, e.responseCode());
                refused++;
            }
        }
        assertEquals(perSource / (Limits.UDP_SLICE_SIZE + UdpReassembler.PIECE_OVERHEAD), accepted);
        assertEquals(1000 - accepted, refused);
        assertEquals(true, r.heldBy(A.getAddress()) <= perSource);
        // another source still gets in
        assertNull(add(r, B, piece(1, 0, ANNOUNCED), 0));
    }

    @Test
    void allSourcesTogetherStayWithinTheTotalBudget() {
        ByteBudget budget = new ByteBudget("udp", 64 << 10);
        UdpReassembler r = new UdpReassembler(10_000, 5 * SECOND, 1 << 20, budget);
        int refused = 0;
        for (int i = 0; i < 1000; i++) {
            InetSocketAddress from = new InetSocketAddress("127.0.1." + (i % 250), 1000 + i);
            try {
                add(r, from, piece(i, 0, ANNOUNCED), 0);
            } catch (ProtocolException e) {
                refused++;
            }
        }
        assertEquals(true, budget.used() <= budget.limit());
        assertEquals(1000 - budget.limit() / (Limits.UDP_SLICE_SIZE + UdpReassembler.PIECE_OVERHEAD), refused);
    }

    @Test
    void unfinishedRequestsExpireAfterTheTimeoutAndReturnTheirOctets() {
        ByteBudget budget = new ByteBudget("udp", 16 << 20);
        UdpReassembler r = new UdpReassembler(10_000, 5 * SECOND, 1 << 20, budget);
        for (int id = 0; id < 100; id++) {
            add(r, A, piece(id, 0, ANNOUNCED), id * SECOND / 100); // within the first second
        }
        assertEquals(0, r.expire(5 * SECOND), "none is older than the timeout yet");
        assertEquals(100, r.pendingCount());
        assertEquals(100, r.expire(7 * SECOND));
        assertEquals(0, r.pendingCount());
        assertEquals(0, budget.used());
        assertEquals(0, r.heldBy(A.getAddress()));
    }

    @Test
    void theCountBoundRefusesNewRequestsUntilOldOnesExpire() {
        ByteBudget budget = new ByteBudget("udp", 16 << 20);
        UdpReassembler r = new UdpReassembler(3, SECOND, 1 << 20, budget);
        for (int id = 0; id < 3; id++) {
            add(r, A, piece(id, 0, 2000), 0);
        }
        ProtocolException e = assertThrows(ProtocolException.class, () -> add(r, A, piece(9, 0, 2000), SECOND / 2));
        assertEquals(ResponseCodes.SERVER_TOO_BUSY, e.responseCode());
        assertNull(add(r, A, piece(9, 0, 2000), 2 * SECOND), "room again once the old ones expired");
        assertEquals(1, r.pendingCount());
    }

    @Test
    void piecesThatCanNotBelongToTheMessageAreMalformed() {
        UdpReassembler r = new UdpReassembler(10, SECOND, 1 << 20, new ByteBudget("udp", 1 << 20));
        assertNull(add(r, A, piece(1, 0, 600), 0));
        ByteBuf beyond = withSlice(piece(1, 1, 600), 5);
        ProtocolException outOfRange = assertThrows(ProtocolException.class, () -> add(r, A, beyond, 0));
        assertEquals(ResponseCodes.PROTOCOL_ERROR, outOfRange.responseCode());
        ByteBuf shortPiece = piece(2, 0, 2000);
        shortPiece.writerIndex(shortPiece.writerIndex() - 1);
        assertEquals(ResponseCodes.PROTOCOL_ERROR,
                assertThrows(ProtocolException.class, () -> add(r, A, shortPiece, 0)).responseCode());
    }

    private static ByteBuf withSlice(ByteBuf d, int slice) {
        d.setInt(12, slice);
        return d;
    }
}
