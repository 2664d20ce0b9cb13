package org.idnode.bench.load;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.util.List;
import org.idnode.protocol.OpCodes;
import org.idnode.protocol.OpFlags;
import org.idnode.protocol.ResponseCodes;
import org.idnode.protocol.codec.MessageCodec;
import org.idnode.protocol.json.RestResponses;
import org.idnode.protocol.message.ErrorResponse;
import org.idnode.protocol.message.Message;
import org.idnode.protocol.message.MessageBody;
import org.idnode.protocol.message.ResolutionResponse;
import org.idnode.protocol.model.Envelope;
import org.idnode.protocol.model.HandleValue;
import org.idnode.protocol.model.Header;
import org.idnode.protocol.model.ProtocolVersion;

/**
 * Precomputed replies for {@link CannedServer}: a resolution of one {@code idnode gen} record, as
 * the node would send it, made once with the project's codecs; serving one costs a copy and the
 * request id patched in.
 */
final class CannedReplies {
    static final String HANDLE = "88.118.8/ID-000000000";
    private static final int TIMESTAMP = 1_700_000_000;

    private CannedReplies() {
    }

    /** The values {@code idnode gen} gives id {@code i}: index 1 URL, index 2 DESC. */
    static List<HandleValue> values(long i) {
        return List.of(
                HandleValue.text(1, "URL", "https://factory.example.com/products/" + i).withTimestamp(TIMESTAMP),
                HandleValue.text(2, "DESC", "Synthetic product " + i + ", batch " + (i % 997)).withTimestamp(TIMESTAMP));
    }

    /** Envelope + message of a successful resolution of {@link #HANDLE}, request id 0. */
    static byte[] resolution() {
        return frame(ResponseCodes.SUCCESS, new ResolutionResponse(HANDLE, values(0)));
    }

    /** Envelope + message of an error reply (§8.6), request id 0. */
    static byte[] error(int responseCode, String message) {
        return frame(responseCode, new ErrorResponse(message));
    }

    static byte[] frame(int responseCode, MessageBody body) {
        Envelope env = Envelope.of(ProtocolVersion.OURS, ProtocolVersion.OURS, 0, 0);
        // As a primary answers a stock client (§4, §16): AT and REC set, CA and PO copied.
        int flags = OpFlags.AT | OpFlags.REC | OpFlags.CA | OpFlags.PO;
        Header h = new Header(OpCodes.RESOLUTION, responseCode, flags, 1, 0, TIMESTAMP + 43_200);
        ByteBuf b = MessageCodec.encode(new Message(env, h, null, body, null), Unpooled.buffer().alloc());
        try {
            return ByteBufUtil.getBytes(b);
        } finally {
            b.release();
        }
    }

    /** A copy of {@code frame} carrying {@code requestId}; the caller owns it. */
    static ByteBuf withRequestId(ByteBufAllocator alloc, byte[] frame, int requestId) {
        ByteBuf b = alloc.buffer(frame.length);
        b.writeBytes(frame);
        b.setInt(8, requestId);
        return b;
    }

    /** The REST body of the same resolution (§18). */
    static byte[] restResolution() {
        return RestResponses.resolution(HANDLE, values(0), false);
    }

    /** A fresh response around a shared body (Netty releases what it writes, and the array is never written). */
    static FullHttpResponse http(HttpResponseStatus status, byte[] json) {
        FullHttpResponse res = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(json));
        res.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON)
                .setInt(HttpHeaderNames.CONTENT_LENGTH, json.length);
        return res;
    }
}
