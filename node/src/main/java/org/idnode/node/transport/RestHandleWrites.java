package org.idnode.node.transport;

import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import org.idnode.node.auth.Identity;
import org.idnode.node.registration.Registrar;
import org.idnode.protocol.OpCodes;
import org.idnode.protocol.ProtocolException;
import org.idnode.protocol.ResponseCodes;
import org.idnode.protocol.json.HandleRecord;
import org.idnode.protocol.json.ValueJsonReader;
import org.idnode.protocol.model.HandleValue;

/**
 * {@code PUT} and {@code DELETE /api/handles/{handle}} (handle-protocol.md §18), through the
 * {@link Registrar} like the binary protocol's OC 100–103: each answers once the change is durable.
 * PUT is OC 100 with OVRW unless {@code overwrite=false}, or OC 102 (add or replace those values
 * only) with {@code index=i...} or {@code index=various}; DELETE is OC 101, or OC 103 with indexes.
 */
final class RestHandleWrites {
    private final Registrar registrar;

    RestHandleWrites(Registrar registrar) {
        this.registrar = registrar;
    }

    CompletableFuture<RestReply> put(RestRequest r, String handle, Identity id) {
        if (!r.isJson()) {
            throw new ProtocolException(ResponseCodes.PROTOCOL_ERROR,
                    "Content-Type: " + r.contentType() + " (expected: application/json)");
        }
        boolean mint = RestParams.flag(r.params(), "mintNewSuffix");
        HandleRecord body = ValueJsonReader.readValuesBody(r.body());
        if (body.handle() != null && !body.handle().equals(handle) && !mint) {
            throw new ProtocolException(ResponseCodes.PROTOCOL_ERROR,
                    "handle: the body names " + body.handle() + ", the path " + handle + " (expected: the same)");
        }
        // §18: OVRW defaults to true for PUT.
        boolean overwrite = RestParams.flag(r.params(), "overwrite", true);
        boolean pretty = r.pretty();
        List<String> index = r.param("index");
        if (!index.isEmpty()) {
            if (mint) {
                throw new ProtocolException(ResponseCodes.PROTOCOL_ERROR, "mintNewSuffix: not with index (adding values needs a handle)");
            }
            checkIndexes(index, body.values());
            return registrar.addValues(handle, body.values(), overwrite, id).thenApply(o ->
                    RestReply.success(o.replaced() ? HttpResponseStatus.OK : HttpResponseStatus.CREATED, OpCodes.ADD_VALUE,
                            o.handle(), pretty));
        }
        String target = mint && handle.indexOf('/') < 0 ? handle + "/" : handle;
        return registrar.create(target, body.values(), overwrite, mint, id).thenApply(o ->
                // §18: 201 for a create, 200 when it replaced a handle; 9.3.1 names the handle made.
                RestReply.success(o.replaced() ? HttpResponseStatus.OK : HttpResponseStatus.CREATED, OpCodes.CREATE_HANDLE,
                        o.handle(), pretty));
    }

    CompletableFuture<RestReply> delete(RestRequest r, String handle, Identity id) {
        boolean pretty = r.pretty();
        List<String> index = r.param("index");
        if (index.isEmpty()) {
            return registrar.delete(handle, id).thenApply(o -> RestReply.success(HttpResponseStatus.OK, OpCodes.DELETE_HANDLE,
                    handle, pretty));
        }
        List<Integer> indexes = parse(index);
        return registrar.removeValues(handle, indexes, id).thenApply(o -> RestReply.success(HttpResponseStatus.OK,
                OpCodes.REMOVE_VALUE, handle, pretty));
    }

    /** §18: the query's indexes must be the body's; {@code various} stands for whatever the body has. */
    private static void checkIndexes(List<String> index, List<HandleValue> values) {
        if (index.size() == 1 && index.get(0).equalsIgnoreCase("various")) {
            return;
        }
        TreeSet<Integer> asked = new TreeSet<>(parse(index));
        TreeSet<Integer> given = new TreeSet<>();
        for (HandleValue v : values) {
            given.add(v.index());
        }
        if (!asked.equals(given)) {
            throw new ProtocolException(ResponseCodes.PROTOCOL_ERROR,
                    "index: " + asked + " in the query, " + given + " in the body (expected: the same, or index=various)");
        }
    }

    private static List<Integer> parse(List<String> index) {
        try {
            return RestParams.indexList(index);
        } catch (IllegalArgumentException e) {
            throw new ProtocolException(ResponseCodes.PROTOCOL_ERROR, e.getMessage());
        }
    }
}
