package org.idnode.node.service;

import io.netty.buffer.ByteBuf;

/** Signs an encoded response in place (HS_SIGNED credential, handle-protocol.md §9). */
public interface ResponseSigner {
    /**
     * @param out   a buffer holding the response from {@code start}: envelope, header, body and an
     *              empty credential section (the last four octets), which this replaces
     * @param start index of the envelope's first octet
     */
    void sign(ByteBuf out, int start);
}
