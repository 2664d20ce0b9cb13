package org.idnode.bench.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.util.List;
import org.idnode.protocol.OpCodes;
import org.idnode.protocol.OpFlags;
import org.idnode.protocol.codec.MessageCodec;
import org.idnode.protocol.message.Message;
import org.idnode.protocol.message.ResolutionRequest;
import org.idnode.protocol.model.Envelope;
import org.junit.jupiter.api.Test;

class RequestFramesTest {
    private static final ByteBufAllocator ALLOC = UnpooledByteBufAllocator.DEFAULT;

    @Test
    void resolutionRequestDecodesAsTheStockClientWouldSendIt() {
        ByteBuf b = RequestFrames.resolution(ALLOC, 1234, "88.118.8/ID-000000042");
        try {
            Message m = MessageCodec.decode(b);
            assertEquals(1234, m.envelope().requestId());
            assertEquals(OpCodes.RESOLUTION, m.header().opCode());
            assertEquals(0, m.header().responseCode());
            assertEquals(OpFlags.CLIENT_DEFAULT, m.header().opFlags());
            assertEquals(ResolutionRequest.all("88.118.8/ID-000000042"), m.body());
        } finally {
            b.release();
        }
    }

    @Test
    void shortFrameIsOneDatagram() {
        ByteBuf b = RequestFrames.resolution(ALLOC, 1, "88.118.8/x");
        List<ByteBuf> d = RequestFrames.datagrams(b, ALLOC);
        assertEquals(1, d.size());
        assertSame(b, d.get(0));
        b.release();
    }

    @Test
    void longFrameIsSlicedWithEnvelopesThatReassemble() {
        String handle = "88.118.8/" + "x".repeat(1200);
        ByteBuf whole = RequestFrames.resolution(ALLOC, 77, handle);
        byte[] original = ByteBufUtil.getBytes(whole);
        int length = original.length - 20;
        List<ByteBuf> slices = RequestFrames.datagrams(whole, ALLOC);
        assertEquals(0, whole.refCnt());
        assertEquals((length + 491) / 492, slices.size());
        byte[] joined = new byte[length];
        for (int n = 0; n < slices.size(); n++) {
            ByteBuf d = slices.get(n);
            assertTrue(d.readableBytes() <= 512);
            assertEquals(77, d.getInt(8));
            assertEquals(n, d.getInt(12));
            assertEquals(length, d.getInt(16));
            assertEquals(Envelope.TRUNCATED, d.getByte(2) & Envelope.TRUNCATED);
            d.getBytes(20, joined, n * 492, d.readableBytes() - 20);
            d.release();
        }
        byte[] body = new byte[length];
        System.arraycopy(original, 20, body, 0, length);
        assertEquals(ByteBufUtil.hexDump(body), ByteBufUtil.hexDump(joined));
    }
}
