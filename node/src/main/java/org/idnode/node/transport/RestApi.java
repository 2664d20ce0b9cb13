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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import org.idnode.node.auth.Authorizer;
import org.idnode.node.auth.Identity;
import org.idnode.node.auth.NeedsAuthentication;
import org.idnode.node.registration.Registrar;
import org.idnode.node.service.Interface;
import org.idnode.node.service.RequestObserver;
import org.idnode.node.service.Resolution;
import org.idnode.node.service.Resolver;
import org.idnode.node.service.ServerFailures;
import org.idnode.node.storage.StoredRecord;
import org.idnode.protocol.Limits;
import org.idnode.protocol.OpCodes;
import org.idnode.protocol.ProtocolException;
import org.idnode.protocol.ResponseCodes;
import org.idnode.protocol.json.InvalidJsonException;
import org.idnode.protocol.json.RestResponses;
import org.idnode.protocol.model.AdminRecord;
import org.idnode.protocol.model.SiteInfo;

/**
 * The JSON REST API (handle-protocol.md §18). Reads: {@code GET /api/handles/{handle}} ({@code type},
 * {@code index}, {@code publicOnly}, {@code pretty}) and {@code GET /api/site}. Writes, through the
 * {@link Registrar}: {@code PUT}/{@code DELETE /api/handles/{handle}}, {@code POST /api/batch},
 * {@code POST}/{@code DELETE /api/prefixes/{prefix}}; listings {@code GET /api/handles?prefix=} and
 * {@code GET /api/prefixes}. Bodies and status codes are those of the reference server (§7's HTTP
 * column); who the caller is comes from {@link RestAuthentication}. Answers are futures: a write
 * answers once it is durable.
 */
public final class RestApi {
    /** The batch endpoint: its body may be larger than others ({@code maxBatchBytes}). */
    static final String BATCH_PATH = "/api/batch";

    private static final String HANDLES = "/api/handles/";
    private static final String PREFIXES = "/api/prefixes/";
    private static final String JSON_TYPE = "application/json;charset=UTF-8";

    /** What the API needs of the node beyond reads; null for a read-only API. */
    public record Writes(Registrar registrar, Authorizer authorizer, RestHandleWrites handles, RestAdminReads admin,
                         RestBatch batch, RestAuthentication authentication, byte[] adminKey) {
        public static Writes of(Registrar registrar, org.idnode.node.service.HandleLister lister,
                                org.idnode.node.service.HomedPrefixes homed,
                                Map<String, org.idnode.node.auth.Authenticator> authenticators,
                                org.idnode.node.auth.SeckeyAuthenticator seckeys, org.idnode.node.auth.RestSessions sessions,
                                org.idnode.node.config.RestSettings settings, ServerFailures failures, byte[] adminKey) {
            return new Writes(registrar, registrar.authorizer(), new RestHandleWrites(registrar),
                    new RestAdminReads(lister, registrar, homed), new RestBatch(registrar, settings.maxBatchOperations(), failures),
                    new RestAuthentication(authenticators, seckeys, sessions, settings.allowPlainHttpAuth()),
                    adminKey == null ? null : adminKey.clone());
        }
    }

    private final Resolver resolver;
    private final SiteInfo site;
    private final RequestObserver observer;
    private final ServerFailures failures;
    private final Writes writes;

    public RestApi(Resolver resolver, SiteInfo site) {
        this(resolver, site, RequestObserver.NONE, new ServerFailures(), null);
    }

    public RestApi(Resolver resolver, SiteInfo site, RequestObserver observer, ServerFailures failures, Writes writes) {
        this.failures = failures;
        this.resolver = resolver;
        this.site = site;
        this.observer = observer;
        this.writes = writes;
    }

    /**
     * Answers one REST request from {@code client} (may be null), {@code secure} when over HTTPS; the
     * one place REST requests are observed. The request is copied before this returns, so it may be
     * released then; the answer may come later, from another thread.
     */
    CompletableFuture<FullHttpResponse> handle(FullHttpRequest req, SocketAddress client, boolean secure) {
        long started = observer.started(Interface.REST);
        int received = req.uri().length() + req.content().readableBytes();
        Routed routed;
        RestRequest r = null;
        RestAuthentication.Caller caller = RestAuthentication.Caller.anonymous(false);
        try {
            QueryStringDecoder q = new QueryStringDecoder(req.uri(), StandardCharsets.UTF_8, true, 64);
            Map<String, List<String>> params = q.parameters();
            r = RestRequest.of(req, q.rawPath(), params, client, secure);
            if (writes != null) {
                caller = writes.authentication().authenticate(r);
            }
            routed = caller.refusal() != null ? done(caller.refusal()) : route(r, caller.identity());
        } catch (IllegalArgumentException e) {
            routed = done(RestReply.error(HttpResponseStatus.BAD_REQUEST, OpCodes.RESERVED, ResponseCodes.PROTOCOL_ERROR,
                    null, "malformed query: " + e.getMessage(), false));
        } catch (RuntimeException e) {
            routed = new Routed(OpCodes.RESERVED, null, CompletableFuture.failedFuture(e));
        }
        RestRequest request = r;
        RestAuthentication.Caller who = caller;
        Routed at = routed;
        HttpMethod method = req.method();
        String uri = req.uri(); // req itself is released once this returns
        return routed.reply().handle((reply, t) -> {
            RestReply out = t == null ? reply : failure(t, request, who, at, method + " " + uri);
            observer.answeredRest(started, client, out.opCode(), out.responseCode(), out.handle(), received, out.body().length);
            return response(out);
        });
    }

    private static FullHttpResponse response(RestReply r) {
        FullHttpResponse res = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, r.status(), Unpooled.wrappedBuffer(r.body()));
        res.headers().set(HttpHeaderNames.CONTENT_TYPE, JSON_TYPE);
        for (Map.Entry<String, String> h : r.headers()) {
            res.headers().add(h.getKey(), h.getValue());
        }
        return res;
    }

    /** A request on its way: the operation it is (for the access log and error answers), its handle, its answer. */
    private record Routed(int opCode, String handle, CompletableFuture<RestReply> reply) {
    }

    private static Routed done(RestReply reply) {
        return new Routed(reply.opCode(), reply.handle(), CompletableFuture.completedFuture(reply));
    }

    /** Runs {@code work}; what it throws, then or later, becomes the error answer for ({@code opCode}, {@code handle}). */
    private static Routed call(int opCode, String handle, Supplier<CompletableFuture<RestReply>> work) {
        CompletableFuture<RestReply> f;
        try {
            f = work.get();
        } catch (RuntimeException e) {
            f = CompletableFuture.failedFuture(e);
        }
        return new Routed(opCode, handle, f);
    }

    private Routed route(RestRequest r, Identity id) {
        String path = r.path();
        HttpMethod m = r.method();
        boolean pretty = r.pretty();
        if (path.equals("/api/site")) {
            if (m != HttpMethod.GET) {
                return done(notAllowed(m, pretty));
            }
            return done(RestReply.of(HttpResponseStatus.OK, OpCodes.GET_SITE_INFO, ResponseCodes.SUCCESS, null,
                    RestResponses.site(site, pretty)));
        }
        if (writes == null && m != HttpMethod.GET) {
            return done(notAllowed(m, pretty));
        }
        if (writes != null) {
            if (path.equals("/api/handles") && m == HttpMethod.GET) {
                return call(OpCodes.LIST_HANDLES, null, () -> now(writes.admin().handles(r, id)));
            }
            if (path.equals("/api/prefixes") && m == HttpMethod.GET) {
                return call(OpCodes.LIST_HOMED_NAS, null, () -> now(writes.admin().prefixes(r, id)));
            }
            if (path.equals(BATCH_PATH)) {
                return m == HttpMethod.POST ? call(0, null, () -> writes.batch().run(r, id)) : done(notAllowed(m, pretty));
            }
            if (path.startsWith(PREFIXES)) {
                return prefix(r, id);
            }
        }
        if (!path.startsWith(HANDLES)) {
            return done(RestReply.error(HttpResponseStatus.NOT_FOUND, OpCodes.RESERVED, ResponseCodes.PROTOCOL_ERROR, null,
                    "no such resource: " + path + " (try /api/handles/{handle} or /api/site)", pretty));
        }
        String handle;
        try {
            // §18: the {handle} path is percent-decoded and '+' stays literal; '/' inside it is fine.
            handle = RestParams.decodePath(path.substring(HANDLES.length()));
        } catch (IllegalArgumentException e) {
            return done(RestReply.error(HttpResponseStatus.BAD_REQUEST, OpCodes.RESOLUTION, ResponseCodes.INVALID_HANDLE,
                    null, e.getMessage(), pretty));
        }
        if (handle.isEmpty() || handle.getBytes(StandardCharsets.UTF_8).length > Limits.MAX_HANDLE_LENGTH) {
            return done(RestReply.error(HttpResponseStatus.BAD_REQUEST, OpCodes.RESOLUTION, ResponseCodes.INVALID_HANDLE,
                    handle, handle.isEmpty() ? "empty handle" : "handle longer than " + Limits.MAX_HANDLE_LENGTH + " octets",
                    pretty));
        }
        if (m == HttpMethod.GET) {
            return call(OpCodes.RESOLUTION, handle, () -> now(resolve(r, handle, id)));
        }
        if (m == HttpMethod.PUT) {
            return call(OpCodes.CREATE_HANDLE, handle, () -> writes.handles().put(r, handle, id));
        }
        if (m == HttpMethod.DELETE) {
            return call(OpCodes.DELETE_HANDLE, handle, () -> writes.handles().delete(r, handle, id));
        }
        return done(notAllowed(m, pretty));
    }

    /** {@code POST /api/prefixes/{prefix}} homes (OC 300), {@code DELETE} unhomes (OC 301): server administrators. */
    private Routed prefix(RestRequest r, Identity id) {
        String prefix;
        try {
            prefix = RestParams.decodePath(r.path().substring(PREFIXES.length()));
        } catch (IllegalArgumentException e) {
            return done(RestReply.error(HttpResponseStatus.BAD_REQUEST, OpCodes.HOME_NA, ResponseCodes.INVALID_HANDLE,
                    null, e.getMessage(), r.pretty()));
        }
        boolean pretty = r.pretty();
        if (r.method() != HttpMethod.POST && r.method() != HttpMethod.DELETE) {
            return done(notAllowed(r.method(), pretty));
        }
        int op = r.method() == HttpMethod.POST ? OpCodes.HOME_NA : OpCodes.UNHOME_NA;
        return call(op, prefix, () -> {
            if (id == null) {
                throw NeedsAuthentication.INSTANCE;
            }
            CompletableFuture<Registrar.Outcome> work = op == OpCodes.HOME_NA
                    ? writes.registrar().home(prefix, id, writes.adminKey()) : writes.registrar().unhome(prefix, id);
            return work.thenApply(o -> RestReply.success(HttpResponseStatus.OK, op, o.handle(), pretty));
        });
    }

    private static CompletableFuture<RestReply> now(RestReply r) {
        return CompletableFuture.completedFuture(r);
    }

    private RestReply resolve(RestRequest r, String handle, Identity id) {
        int[] indexes;
        List<String> types = r.param("type");
        try {
            indexes = RestParams.indexes(r.param("index"));
            if (types.size() > RestParams.MAX_REPEATS) {
                throw new IllegalArgumentException("type: " + types.size() + " entries (expected: at most "
                        + RestParams.MAX_REPEATS + ")");
            }
        } catch (IllegalArgumentException e) {
            throw new ProtocolException(ResponseCodes.PROTOCOL_ERROR, e.getMessage());
        }
        boolean pretty = r.pretty();
        // §18: publicOnly defaults to true for anonymous callers, false for authenticated ones.
        boolean publicOnly = id == null || RestParams.flag(r.params(), "publicOnly", false);
        Resolver.RestrictedReads restricted = publicOnly || writes == null ? Resolver.RestrictedReads.NONE
                : record -> writes.authorizer().grants(Authorizer.adminValues(StoredRecord.decode(record)), id,
                        AdminRecord.READ_VALUE);
        Resolution res = resolver.resolve(handle, indexes, Resolver.typeFilter(types), restricted);
        if (res.success()) {
            return RestReply.of(HttpResponseStatus.OK, OpCodes.RESOLUTION, ResponseCodes.SUCCESS, handle,
                    RestResponses.resolution(handle, res.values(), pretty));
        }
        if (res.responseCode() == ResponseCodes.VALUES_NOT_FOUND) {
            return RestReply.of(HttpResponseStatus.OK, OpCodes.RESOLUTION, ResponseCodes.VALUES_NOT_FOUND, handle,
                    RestResponses.valuesNotFound(handle, res.message(), pretty));
        }
        return RestReply.error(OpCodes.RESOLUTION, res.responseCode(), handle, res.message(), pretty);
    }

    private static RestReply notAllowed(HttpMethod m, boolean pretty) {
        return RestReply.error(HttpResponseStatus.METHOD_NOT_ALLOWED, OpCodes.RESERVED, ResponseCodes.OPERATION_NOT_SUPPORTED,
                null, m + " is not served on this resource", pretty);
    }

    /** What a refusal or failure of ({@code at}) is answered with. */
    private RestReply failure(Throwable t, RestRequest r, RestAuthentication.Caller caller, Routed at, String what) {
        Throwable e = t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
        boolean pretty = r != null && r.pretty();
        if (e instanceof NeedsAuthentication && writes != null) {
            return writes.authentication().needsAuthentication(caller, at.opCode(), at.handle(), pretty);
        }
        if (e instanceof InvalidJsonException j) {
            return RestReply.error(HttpResponseStatus.BAD_REQUEST, at.opCode(), j.responseCode(), at.handle(), j.getMessage(),
                    pretty);
        }
        if (e instanceof ProtocolException p) {
            return RestReply.error(at.opCode(), p.responseCode(), at.handle(), p.getMessage(), pretty);
        }
        // A failure of ours (storage, a bug): 500 with the reference JSON shape, RC 2, never a closed connection.
        failures.record(e, "REST " + what);
        return RestReply.error(HttpResponseStatus.INTERNAL_SERVER_ERROR, at.opCode(), ResponseCodes.ERROR, at.handle(),
                ServerFailures.kindOf(e) == ServerFailures.Kind.STORAGE ? "storage error" : "internal error", pretty);
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
