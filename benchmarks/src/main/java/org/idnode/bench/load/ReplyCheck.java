package org.idnode.bench.load;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.io.IOException;
import org.idnode.protocol.ResponseCodes;
import org.idnode.protocol.message.ErrorResponse;
import org.idnode.protocol.message.Message;
import org.idnode.protocol.message.ResolutionResponse;

/**
 * Judges one decoded reply: RC 1 with --expect-values values for a hit, RC 100 for a deliberate
 * miss; for REST also the HTTP status of that code (§7) and the JSON's "responseCode".
 * Returns null when the reply is right, so the hot path allocates nothing.
 */
final class ReplyCheck {
    private static final JsonFactory JSON = new JsonFactory();

    private ReplyCheck() {
    }

    /** Why a reply is wrong; {@code code} names a wrong response code for the tally, else null. */
    record Failure(ErrorKind kind, String detail, String code) {
        static Failure of(ErrorKind kind, String detail) {
            return new Failure(kind, detail, null);
        }
    }

    /** @param expectValues values a hit must carry; negative = not checked */
    static Failure binary(Message m, boolean miss, int expectValues, String handle) {
        int rc = m.header().responseCode();
        int want = miss ? ResponseCodes.HANDLE_NOT_FOUND : ResponseCodes.SUCCESS;
        if (rc != want) {
            String name = rc + " " + ResponseCodes.name(rc);
            return new Failure(ErrorKind.WRONG_RESPONSE_CODE, handle + ": RC " + name + " (expected: " + want + ")", name);
        }
        if (miss) {
            return null;
        }
        if (!(m.body() instanceof ResolutionResponse r)) {
            return Failure.of(ErrorKind.DECODE_ERROR, handle + ": RC 1 with a " + m.body().getClass().getSimpleName());
        }
        if (expectValues >= 0 && r.values().size() != expectValues) {
            return Failure.of(ErrorKind.WRONG_VALUE_COUNT,
                    handle + ": " + r.values().size() + " values (expected: " + expectValues + ")");
        }
        return null;
    }

    /** A create (§8.4): RC 1; anything else is wrong, with the server's message when it gave one. */
    static Failure created(Message m, String handle) {
        int rc = m.header().responseCode();
        if (rc == ResponseCodes.SUCCESS) {
            return null;
        }
        String name = rc + " " + ResponseCodes.name(rc);
        String message = m.body() instanceof ErrorResponse e && !e.message().isEmpty() ? ": " + e.message() : "";
        return new Failure(ErrorKind.WRONG_RESPONSE_CODE, "create " + handle + ": RC " + name + message + " (expected: 1)", name);
    }

    /** The check for {@code target}'s request: a create's or a read's. */
    static Failure of(Message m, Workload.Target target, int expectValues) {
        return target.create() ? created(m, target.handle()) : binary(m, target.miss(), expectValues, target.handle());
    }

    /** A REST reply: the HTTP status and the JSON body's responseCode and values (§18). */
    static Failure rest(int status, ByteBuf body, boolean miss, int expectValues, String handle) {
        int wantRc = miss ? ResponseCodes.HANDLE_NOT_FOUND : ResponseCodes.SUCCESS;
        int wantStatus = ResponseCodes.httpStatus(wantRc);
        long parsed;
        try {
            parsed = parse(body);
        } catch (IOException | RuntimeException e) {
            if (status != wantStatus) {
                // A proxy's error page, say: the status is the news, not the body.
                return new Failure(ErrorKind.WRONG_RESPONSE_CODE,
                        handle + ": HTTP " + status + " (expected: " + wantStatus + ")", "HTTP " + status);
            }
            return Failure.of(ErrorKind.DECODE_ERROR, handle + ": JSON: " + e.getMessage());
        }
        int rc = (int) (parsed >> 32);
        int values = (int) parsed;
        if (rc != wantRc || status != wantStatus) {
            String name = rc == Integer.MIN_VALUE ? "no responseCode" : rc + " " + ResponseCodes.name(rc);
            return new Failure(ErrorKind.WRONG_RESPONSE_CODE, handle + ": HTTP " + status + ", responseCode " + name
                    + " (expected: HTTP " + wantStatus + ", " + wantRc + ")", status == wantStatus ? name : "HTTP " + status);
        }
        if (!miss && expectValues >= 0 && values != expectValues) {
            return Failure.of(ErrorKind.WRONG_VALUE_COUNT, handle + ": " + values + " values (expected: " + expectValues + ")");
        }
        return null;
    }

    /**
     * Streams the top-level object for "responseCode" and the length of "values", without building a
     * tree. Returns rc in the high int (MIN_VALUE when absent) and the value count in the low int.
     */
    private static long parse(ByteBuf body) throws IOException {
        byte[] bytes;
        int offset;
        int length = body.readableBytes();
        if (body.hasArray()) {
            bytes = body.array();
            offset = body.arrayOffset() + body.readerIndex();
        } else {
            bytes = ByteBufUtil.getBytes(body);
            offset = 0;
        }
        int rc = Integer.MIN_VALUE;
        int values = 0;
        try (JsonParser p = JSON.createParser(bytes, offset, length)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("not a JSON object");
            }
            // Bounded by the body: each turn consumes at least one token of it.
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken t = p.nextToken();
                if ("responseCode".equals(name) && t == JsonToken.VALUE_NUMBER_INT) {
                    rc = p.getIntValue();
                } else if ("values".equals(name) && t == JsonToken.START_ARRAY) {
                    while (p.nextToken() != JsonToken.END_ARRAY) {
                        values++;
                        p.skipChildren();
                    }
                } else {
                    p.skipChildren();
                }
            }
        }
        return ((long) rc << 32) | (values & 0xFFFFFFFFL);
    }
}
