package org.idnode.node.transport;

import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.idnode.node.auth.Identity;
import org.idnode.node.auth.NeedsAuthentication;
import org.idnode.node.registration.Registrar;
import org.idnode.node.service.ServerFailures;
import org.idnode.protocol.ProtocolException;
import org.idnode.protocol.ResponseCodes;
import org.idnode.protocol.json.BatchJsonReader;
import org.idnode.protocol.json.BatchOperation;
import org.idnode.protocol.json.RestResponses;
import org.idnode.protocol.json.RestResponses.BatchResult;

/**
 * {@code POST /api/batch} (node/README.md, "Batch"): many registrations in one request, for
 * enterprise systems that register in bulk. The body is read whole first, so a malformed batch or
 * one over {@code maxBatchOperations} is refused with nothing done. Then every operation is handed
 * to the {@link Registrar} at once, in order, so they share group commits (one synced write for
 * many) and a later operation sees an earlier one's effect; each gets its own result, in order.
 * Operations are not one transaction: each succeeds or fails on its own, as if sent one by one.
 * Creates default to no overwrite, so a retried batch succeeds for creates whose values are the same.
 */
final class RestBatch {
    private final Registrar registrar;
    private final int maxOperations;
    private final ServerFailures failures;

    RestBatch(Registrar registrar, int maxOperations, ServerFailures failures) {
        this.registrar = registrar;
        this.maxOperations = maxOperations;
        this.failures = failures;
    }

    CompletableFuture<RestReply> run(RestRequest r, Identity id) {
        if (!r.isJson()) {
            throw new ProtocolException(ResponseCodes.PROTOCOL_ERROR,
                    "Content-Type: " + r.contentType() + " (expected: application/json)");
        }
        List<BatchOperation> ops = BatchJsonReader.read(r.body(), maxOperations);
        if (id == null) {
            throw NeedsAuthentication.INSTANCE;
        }
        List<CompletableFuture<BatchResult>> results = new ArrayList<>(ops.size());
        for (BatchOperation op : ops) {
            results.add(submit(op, id));
        }
        boolean pretty = r.pretty();
        return CompletableFuture.allOf(results.toArray(CompletableFuture[]::new)).thenApply(done -> {
            List<BatchResult> out = new ArrayList<>(results.size());
            for (CompletableFuture<BatchResult> f : results) {
                out.add(f.join());
            }
            return RestReply.of(HttpResponseStatus.OK, 0, ResponseCodes.SUCCESS, null, RestResponses.batch(out, pretty));
        });
    }

    /** One operation's result; never fails (a refusal is a result, with its response code and message). */
    private CompletableFuture<BatchResult> submit(BatchOperation op, Identity id) {
        CompletableFuture<Registrar.Outcome> work;
        try {
            work = switch (op.kind()) {
                case CREATE -> registrar.create(op.handle(), op.values(), op.overwrite(), op.mint(), id);
                case DELETE -> registrar.delete(op.handle(), id);
                case ADD -> registrar.addValues(op.handle(), op.values(), op.overwrite(), id);
                case REMOVE -> registrar.removeValues(op.handle(), op.indexes(), id);
                case MODIFY -> registrar.modifyValues(op.handle(), op.values(), id);
            };
        } catch (RuntimeException e) {
            return CompletableFuture.completedFuture(refused(op, e));
        }
        return work.handle((o, t) -> t == null ? new BatchResult(o.handle(), ResponseCodes.SUCCESS, null) : refused(op, t));
    }

    private BatchResult refused(BatchOperation op, Throwable t) {
        Throwable cause = t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
        if (cause instanceof ProtocolException p) {
            return new BatchResult(op.handle(), p.responseCode(), p.getMessage());
        }
        if (cause instanceof NeedsAuthentication) {
            return new BatchResult(op.handle(), ResponseCodes.AUTHENTICATION_NEEDED, "authentication needed");
        }
        failures.record(cause, "REST batch " + op.kind().jsonName() + " " + op.handle());
        return new BatchResult(op.handle(), ResponseCodes.ERROR,
                ServerFailures.kindOf(cause) == ServerFailures.Kind.STORAGE ? "storage error" : "internal error");
    }
}
