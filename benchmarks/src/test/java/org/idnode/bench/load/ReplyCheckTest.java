package org.idnode.bench.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import org.idnode.protocol.ResponseCodes;
import org.idnode.protocol.codec.MessageCodec;
import org.idnode.protocol.json.RestResponses;
import org.idnode.protocol.message.Message;
import org.junit.jupiter.api.Test;

class ReplyCheckTest {
    private static Message decode(byte[] frame) {
        return MessageCodec.decode(Unpooled.wrappedBuffer(frame));
    }

    private static ByteBuf json(String s) {
        return Unpooled.copiedBuffer(s, StandardCharsets.UTF_8);
    }

    @Test
    void acceptsAHitWithTheExpectedValues() {
        Message m = decode(CannedReplies.resolution());
        assertNull(ReplyCheck.binary(m, false, 2, "h"));
        assertNull(ReplyCheck.binary(m, false, -1, "h"));
        assertEquals(ErrorKind.WRONG_VALUE_COUNT, ReplyCheck.binary(m, false, 3, "h").kind());
    }

    @Test
    void aMissMustBeNotFound() {
        Message notFound = decode(CannedReplies.error(ResponseCodes.HANDLE_NOT_FOUND, "no such handle"));
        assertNull(ReplyCheck.binary(notFound, true, 2, "h"));
        ReplyCheck.Failure f = ReplyCheck.binary(notFound, false, 2, "h");
        assertEquals(ErrorKind.WRONG_RESPONSE_CODE, f.kind());
        assertEquals("100 RC_HANDLE_NOT_FOUND", f.code());
        assertEquals(ErrorKind.WRONG_RESPONSE_CODE, ReplyCheck.binary(decode(CannedReplies.resolution()), true, 2, "h").kind());
    }

    @Test
    void checksRestStatusCodeAndValues() {
        ByteBuf hit = Unpooled.wrappedBuffer(CannedReplies.restResolution());
        assertNull(ReplyCheck.rest(200, hit, false, 2, "h"));
        assertEquals(ErrorKind.WRONG_VALUE_COUNT, ReplyCheck.rest(200, hit, false, 1, "h").kind());
        ByteBuf miss = Unpooled.wrappedBuffer(RestResponses.error(ResponseCodes.HANDLE_NOT_FOUND, "h", "Handle Not Found", false));
        assertNull(ReplyCheck.rest(404, miss, true, 2, "h"));
        ReplyCheck.Failure f = ReplyCheck.rest(404, miss, false, 2, "h");
        assertEquals(ErrorKind.WRONG_RESPONSE_CODE, f.kind());
        assertEquals("HTTP 404", f.code());
        assertEquals(ErrorKind.WRONG_RESPONSE_CODE, ReplyCheck.rest(200, json("{\"responseCode\":2}"), false, -1, "h").kind());
    }

    @Test
    void unreadableJsonIsADecodeErrorUnlessTheStatusSaysMore() {
        assertEquals(ErrorKind.DECODE_ERROR, ReplyCheck.rest(200, json("<html>"), false, 2, "h").kind());
        assertEquals(ErrorKind.DECODE_ERROR, ReplyCheck.rest(200, json("{\"responseCode\":1,"), false, 2, "h").kind());
        assertEquals(ErrorKind.WRONG_RESPONSE_CODE, ReplyCheck.rest(502, json("<html>"), false, 2, "h").kind());
    }

    @Test
    void handlesArePercentEncodedForThePath() {
        assertEquals("88.118.8/ID-000000001", HttpLane.encodePath("88.118.8/ID-000000001"));
        assertEquals("20.500/a%20b%3Fc%23/%C3%BC", HttpLane.encodePath("20.500/a b?c#/ü"));
    }
}
