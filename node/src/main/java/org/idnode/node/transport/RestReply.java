package org.idnode.node.transport;

import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.List;
import java.util.Map;
import org.idnode.protocol.ResponseCodes;
import org.idnode.protocol.json.RestResponses;

/**
 * What a REST request got: HTTP status, the operation it was (an opcode, 0 for none), the Handle
 * response code in the body, the handle concerned, the body, and extra headers (a challenge's
 * {@code WWW-Authenticate}).
 */
record RestReply(HttpResponseStatus status, int opCode, int responseCode, String handle, byte[] body,
                 List<Map.Entry<String, String>> headers) {

    RestReply {
        headers = List.copyOf(headers);
    }

    static RestReply of(HttpResponseStatus status, int opCode, int responseCode, String handle, byte[] body) {
        return new RestReply(status, opCode, responseCode, handle, body, List.of());
    }

    /** RC 1 with just the handle: {@code {"responseCode":1,"handle":"..."}} (§18). */
    static RestReply success(HttpResponseStatus status, int opCode, String handle, boolean pretty) {
        return of(status, opCode, ResponseCodes.SUCCESS, handle, RestResponses.error(ResponseCodes.SUCCESS, handle, null, pretty));
    }

    /** An error in the reference shape, the HTTP status from §7. */
    static RestReply error(int opCode, int rc, String handle, String message, boolean pretty) {
        return error(HttpResponseStatus.valueOf(status(rc, opCode)), opCode, rc, handle, message, pretty);
    }

    static RestReply error(HttpResponseStatus status, int opCode, int rc, String handle, String message, boolean pretty) {
        return of(status, opCode, rc, handle, RestResponses.error(rc, handle, message, pretty));
    }

    /** §7's HTTP column; RC 200 is 200 only for a resolution, else 400 (a remove of a missing index). */
    static int status(int rc, int opCode) {
        if (rc == ResponseCodes.VALUES_NOT_FOUND && opCode != org.idnode.protocol.OpCodes.RESOLUTION) {
            return 400;
        }
        return ResponseCodes.httpStatus(rc);
    }

    RestReply withHeaders(List<Map.Entry<String, String>> extra) {
        return new RestReply(status, opCode, responseCode, handle, body, extra);
    }
}
