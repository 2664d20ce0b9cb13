package org.idnode.node.service;

import io.netty.buffer.ByteBuf;
import java.util.List;
import org.idnode.protocol.OpFlags;
import org.idnode.protocol.codec.Wire;

/** §8.5: a listing answers in messages of at most 50 names, CN set on all but the last. */
final class Listing {
    static final int PER_MESSAGE = 50;

    private Listing() {
    }

    static void send(Reply reply, List<String> names) {
        int n = names.size();
        int at = 0;
        do {
            int count = Math.min(PER_MESSAGE, n - at);
            boolean last = at + count >= n;
            ByteBuf out = reply.body(last ? 0 : OpFlags.CN);
            out.writeInt(count);
            for (int i = 0; i < count; i++) {
                Wire.writeString(out, names.get(at + i));
            }
            at += count;
            if (last) {
                reply.send();
            } else {
                reply.sendPart();
            }
        } while (at < n);
    }
}
