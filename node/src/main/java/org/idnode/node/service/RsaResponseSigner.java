package org.idnode.node.service;

import io.netty.buffer.ByteBuf;
import java.security.PrivateKey;
import org.idnode.protocol.auth.MessageSigner;

/** Signs certified responses with the node key (HS_SIGNED, handle-protocol.md §9; counter 0 outside sessions). */
public final class RsaResponseSigner implements ResponseSigner {
    private final PrivateKey key;

    public RsaResponseSigner(PrivateKey key) {
        this.key = key;
    }

    @Override
    public void sign(ByteBuf out, int start) {
        if (out.readerIndex() != start) {
            throw new IllegalArgumentException("response must start at the reader index: " + start);
        }
        MessageSigner.sign(out, key, 0);
    }
}
