package org.idnode.node.transport;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundBuffer;
import org.idnode.node.transport.TransportCounters.Rejection;

/**
 * Replies a peer does not read must not pile up in memory. When the queued replies pass the high
 * water mark (the channel turns unwritable) reading from the peer pauses, so it gets no further
 * answers queued, and resumes when it has read them. A peer whose queue still passes
 * {@code maxQueuedReplyBytes} (one read batch can answer many pipelined requests at once) is closed.
 * First in the pipeline, so every write passes it.
 */
final class ReplyBackpressure extends ChannelDuplexHandler {
    private final long maxQueued;
    private final Rejection rejection;
    private final TransportCounters counters;

    ReplyBackpressure(long maxQueued, Rejection rejection, TransportCounters counters) {
        this.maxQueued = maxQueued;
        this.rejection = rejection;
        this.counters = counters;
    }

    @Override
    public void flush(ChannelHandlerContext ctx) {
        ChannelOutboundBuffer out = ctx.channel().unsafe().outboundBuffer();
        if (out != null && out.totalPendingWriteBytes() > maxQueued) {
            counters.rejected(rejection);
            ctx.close();
            return;
        }
        ctx.flush();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        ctx.channel().config().setAutoRead(ctx.channel().isWritable());
        ctx.fireChannelWritabilityChanged();
    }
}
