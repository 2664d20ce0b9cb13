package org.idnode.protocol.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;

/** Small helpers between ByteBuf and byte[]. */
public final class Bytes {
    private Bytes() {
    }

    /** The readable octets of {@code buf} as a new array; releases {@code buf}. */
    public static byte[] toArray(ByteBuf buf) {
        try {
            return ByteBufUtil.getBytes(buf);
        } finally {
            buf.release();
        }
    }
}
