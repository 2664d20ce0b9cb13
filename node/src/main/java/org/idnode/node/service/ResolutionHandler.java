package org.idnode.node.service;

import io.netty.buffer.ByteBuf;
import java.util.List;
import java.util.function.Function;
import org.idnode.node.auth.Identity;
import org.idnode.node.auth.NeedsAuthentication;
import org.idnode.protocol.OpFlags;
import org.idnode.protocol.codec.MessageCodec;
import org.idnode.protocol.message.ResolutionRequest;

/**
 * OC 1 (§8.2), the hot path: the stored value octets are copied into the response as they are, with
 * no value objects built. A miss answers through {@link Reply#error} directly: no exception is made
 * for the commonest non-success answer.
 */
final class ResolutionHandler implements OpHandler {
    private final Resolver resolver;
    private final Function<Identity, Resolver.RestrictedReads> readers;

    /** {@code readers} decides what a proven caller may read (null: every caller sees public values only). */
    ResolutionHandler(Resolver resolver, Function<Identity, Resolver.RestrictedReads> readers) {
        this.resolver = resolver;
        this.readers = readers;
    }

    @Override
    public void handle(Request request, Reply reply) {
        ResolutionRequest r = (ResolutionRequest) request.body();
        Identity id = request.caller().identity();
        // §8.2: PO asks for public values only, whoever asks; a proven caller may see admin-readable ones.
        Resolver.RestrictedReads as = id == null || readers == null || request.has(OpFlags.PO)
                ? Resolver.RestrictedReads.NONE : readers.apply(id);
        Resolution res = resolver.resolve(r.handle(), toArray(r.indexes()), Resolver.typeFilter(r.types()), as);
        if (res.hidRestricted() && id == null && readers != null && !request.has(OpFlags.PO)) {
            // §14 [CNRI]: a request without PO for values only administrators may read is challenged;
            // once answered it is redone as the proven identity. With PO (clients' default) it gets the public ones.
            throw NeedsAuthentication.INSTANCE;
        }
        if (!res.success()) {
            reply.error(res.responseCode(), res.message());
            return;
        }
        ByteBuf out = reply.body();
        // §8.2: echo the request's handle octets as received (str: int4 length + octets).
        RequestContext ctx = request.context();
        int handleAt = MessageCodec.bodyAt(ctx.headerAt());
        ByteBuf frame = ctx.frame();
        out.writeBytes(frame, handleAt, 4 + frame.getInt(handleAt));
        writeValues(res, out);
        reply.send();
    }

    /** The stored bytes behind the header: all of them, or the selected values. */
    static void writeValues(Resolution res, ByteBuf out) {
        byte[] record = res.record();
        int[] sel = res.selected();
        if (sel == null) {
            out.writeBytes(record, 2, record.length - 2);
            return;
        }
        out.writeInt(res.count());
        for (int i = 0; i < res.count(); i++) {
            out.writeBytes(record, sel[2 * i], sel[2 * i + 1]);
        }
    }

    private static int[] toArray(List<Integer> l) {
        int[] a = new int[l.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = l.get(i);
        }
        return a;
    }
}
