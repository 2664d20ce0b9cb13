package org.idnode.node.transport;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.idnode.node.service.Interface;
import org.idnode.node.service.RequestObserver;
import org.idnode.node.service.Resolution;
import org.idnode.node.service.Resolver;
import org.idnode.node.service.ServerFailures;
import org.idnode.protocol.Limits;
import org.idnode.protocol.OpCodes;
import org.idnode.protocol.ResponseCodes;
import org.idnode.protocol.json.RestResponses;
import org.idnode.protocol.model.SiteInfo;

/**
 * The JSON REST API (handle-protocol.md §18), read side: {@code GET /api/handles/{handle}} with
 * {@code type}, {@code index} (both repeatable) and {@code pretty}, and {@code GET /api/site}. Bodies
 * and status codes are those of the reference server; malformed URLs and parameters get RC 4 / 400.
 */
public final class RestApi {
    private static final String HANDLES = "/api/handles/";
    private static final int MAX_FILTERS = 256;
    private static final String JSON_TYPE = "application/json;charset=UTF-8";

    private final Resolver resolver;
    private final SiteInfo site;
    private final RequestObserver observer;
    private final ServerFailures failures;

    public RestApi(Resolver resolver, SiteInfo site) {
        this(resolver, site, RequestObserver.NONE, new ServerFailures());
    }

    public RestApi(Resolver resolver, SiteInfo site, RequestObserver observer, ServerFailures failures) {
        this.failures = failures;
        this.resolver = resolver;
        this.site = site;
        this.observer = observer;
    }

    /** Answers one REST request from {@code client} (may be null); the one place REST requests are observed. */
    FullHttpResponse handle(FullHttpRequest req, SocketAddress client) {
        long started = observer.started(Interface.REST);
        Reply r;
        try {
            r = reply(req);
        } catch (RuntimeException e) {
            // A failure of ours (storage, a bug): 500 with the reference JSON shape, RC 2, never a closed connection.
            failures.record(e, "REST " + req.method() + " " + req.uri());
            r = error(HttpResponseStatus.INTERNAL_SERVER_ERROR, 0, ResponseCodes.ERROR, null,
                    ServerFailures.kindOf(e) == ServerFailures.Kind.STORAGE ? "storage error" : "internal error", false);
        }
        observer.answeredRest(started, client, r.opCode(), r.responseCode(), r.handle(),
                req.uri().length() + req.content().readableBytes(), r.body().length);
        FullHttpResponse res = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, r.status(), Unpooled.wrappedBuffer(r.body()));
        res.headers().set(HttpHeaderNames.CONTENT_TYPE, JSON_TYPE);
        return res;
    }

    /**
     * What a REST request got: HTTP status, the operation it was (OC 1 for a handle, 2 for the site,
     * 0 for anything else), the Handle response code in the body, the handle asked for, the body.
     */
    private record Reply(HttpResponseStatus status, int opCode, int responseCode, String handle, byte[] body) {
    }

    private Reply reply(FullHttpRequest req) {
        String uri = req.uri();
        QueryStringDecoder q = new QueryStringDecoder(uri, StandardCharsets.UTF_8, true, 64);
        java.util.Map<String, List<String>> params;
        try {
            params = q.parameters();
        } catch (IllegalArgumentException e) {
            return error(HttpResponseStatus.BAD_REQUEST, OpCodes.RESERVED, ResponseCodes.PROTOCOL_ERROR, null,
                    "malformed query: " + e.getMessage(), false);
        }
        String rawPath = q.rawPath();
        boolean pretty = flag(params, "pretty");
        if (req.method() != HttpMethod.GET) {
            return error(HttpResponseStatus.METHOD_NOT_ALLOWED, OpCodes.RESERVED, ResponseCodes.OPERATION_NOT_SUPPORTED,
                    null, req.method() + " is not served by this node (read-only API)", pretty);
        }
        if (rawPath.equals("/api/site")) {
            return new Reply(HttpResponseStatus.OK, OpCodes.GET_SITE_INFO, ResponseCodes.SUCCESS, null,
                    RestResponses.site(site, pretty));
        }
        if (!rawPath.startsWith(HANDLES)) {
            return error(HttpResponseStatus.NOT_FOUND, OpCodes.RESERVED, ResponseCodes.PROTOCOL_ERROR, null,
                    "no such resource: " + rawPath + " (try /api/handles/{handle} or /api/site)", pretty);
        }
        String handle;
        try {
            // §18: the {handle} path is percent-decoded and '+' stays literal; '/' inside it is fine.
            handle = decodePath(rawPath.substring(HANDLES.length()));
        } catch (IllegalArgumentException e) {
            return error(HttpResponseStatus.BAD_REQUEST, OpCodes.RESOLUTION, ResponseCodes.INVALID_HANDLE, null,
                    e.getMessage(), pretty);
        }
        if (handle.isEmpty() || handle.getBytes(StandardCharsets.UTF_8).length > Limits.MAX_HANDLE_LENGTH) {
            return error(HttpResponseStatus.BAD_REQUEST, OpCodes.RESOLUTION, ResponseCodes.INVALID_HANDLE, handle,
                    handle.isEmpty() ? "empty handle" : "handle longer than " + Limits.MAX_HANDLE_LENGTH + " octets", pretty);
        }
        int[] indexes;
        List<String> types = params.getOrDefault("type", List.of());
        try {
            indexes = indexes(params.getOrDefault("index", List.of()));
            if (types.size() > MAX_FILTERS) {
                throw new IllegalArgumentException("type: " + types.size() + " entries (expected: at most " + MAX_FILTERS + ")");
            }
        } catch (IllegalArgumentException e) {
            return error(HttpResponseStatus.BAD_REQUEST, OpCodes.RESOLUTION, ResponseCodes.PROTOCOL_ERROR, handle,
                    e.getMessage(), pretty);
        }
        Resolution res = resolver.resolve(handle, indexes, Resolver.typeFilter(types));
        if (res.success()) {
            return new Reply(HttpResponseStatus.OK, OpCodes.RESOLUTION, ResponseCodes.SUCCESS, handle,
                    RestResponses.resolution(handle, res.values(), pretty));
        }
        if (res.responseCode() == ResponseCodes.VALUES_NOT_FOUND) {
            return new Reply(HttpResponseStatus.OK, OpCodes.RESOLUTION, ResponseCodes.VALUES_NOT_FOUND, handle,
                    RestResponses.valuesNotFound(handle, res.message(), pretty));
        }
        return error(HttpResponseStatus.valueOf(ResponseCodes.httpStatus(res.responseCode())), OpCodes.RESOLUTION,
                res.responseCode(), handle, res.message(), pretty);
    }

    private static Reply error(HttpResponseStatus status, int opCode, int rc, String handle, String message, boolean pretty) {
        return new Reply(status, opCode, rc, handle, RestResponses.error(rc, handle, message, pretty));
    }

    private static int[] indexes(List<String> raw) {
        if (raw.size() > MAX_FILTERS) {
            throw new IllegalArgumentException("index: " + raw.size() + " entries (expected: at most " + MAX_FILTERS + ")");
        }
        int[] out = new int[raw.size()];
        for (int i = 0; i < out.length; i++) {
            try {
                out[i] = Integer.parseInt(raw.get(i).trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("index: " + raw.get(i) + " (expected: an integer)");
            }
        }
        return out;
    }

    private static boolean flag(Map<String, List<String>> params, String name) {
        List<String> v = params.get(name);
        if (v == null) {
            return false;
        }
        String s = v.isEmpty() ? "" : v.get(0);
        // §18: present without value = true; "true"/"yes" = true.
        return s.isEmpty() || s.equalsIgnoreCase("true") || s.equalsIgnoreCase("yes");
    }

    /** Percent-decoding that keeps '+' and refuses broken escapes and bad UTF-8. */
    static String decodePath(String raw) {
        byte[] in = raw.getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[in.length];
        int n = 0;
        for (int i = 0; i < in.length; i++) {
            if (in[i] != '%') {
                out[n++] = in[i];
                continue;
            }
            if (i + 2 >= in.length) {
                throw new IllegalArgumentException("handle: truncated percent escape at offset " + i);
            }
            int hi = Character.digit(in[i + 1], 16);
            int lo = Character.digit(in[i + 2], 16);
            if (hi < 0 || lo < 0) {
                throw new IllegalArgumentException("handle: bad percent escape at offset " + i);
            }
            out[n++] = (byte) (hi << 4 | lo);
            i += 2;
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(out, 0, n)).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new IllegalArgumentException("handle: not valid UTF-8 after percent-decoding");
        }
    }

    /** An error for a request that never reached the API (malformed HTTP). */
    static FullHttpResponse plainError(HttpResponseStatus status, String message) {
        return plainError(status, ResponseCodes.PROTOCOL_ERROR, message);
    }

    /** An error in the reference JSON shape, with Handle response code {@code rc}. */
    static FullHttpResponse plainError(HttpResponseStatus status, int rc, String message) {
        FullHttpResponse res = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(
                RestResponses.error(rc, null, message, false)));
        res.headers().set(HttpHeaderNames.CONTENT_TYPE, JSON_TYPE);
        return res;
    }
}
