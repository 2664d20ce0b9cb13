package org.idnode.node.service;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.util.concurrent.Executor;

/**
 * Where the answers to one request go: given by the transport that read it. Reads answer at once,
 * on the transport's thread; writes answer when their group commit is durable, from
 * {@link #executor()} (the connection's event loop), so a transport never waits for the disk.
 */
public interface ReplySink {
    /** Takes one response frame (envelope + message); takes ownership of the buffer. */
    void send(ByteBuf response);

    /**
     * Takes one part of a multi-part answer (a listing, §8.5); {@link #send} gives the last. Stream
     * transports write each as it comes; HTTP collects them into one body.
     */
    default void sendPart(ByteBuf part) {
        send(part);
    }

    ByteBufAllocator alloc();

    /** Runs the completion of a late reply; the connection's event loop. */
    Executor executor();
}
