package org.idnode.bench.load;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.DatagramPacket;
import java.net.PortUnreachableException;
import java.util.function.Supplier;
import org.idnode.protocol.Limits;
import org.idnode.protocol.codec.EnvelopeCodec;
import org.idnode.protocol.codec.MessageCodec;
import org.idnode.protocol.message.Message;

/**
 * A UDP socket connected to the node, carrying up to --in-flight requests. A reply may come in
 * several datagrams (§2): slices are placed by messageId into a buffer of messageLength octets
 * (TC is ignored, as the CNRI client does) and the message is decoded when all are in.
 */
final class UdpLane extends KeptLane {
    /** Replies are at most 512-octet datagrams (§2); room to spare shows an oversized one as what it is. */
    private static final int RECEIVE_BUFFER = 2048;

    private final PendingTable table = new PendingTable();

    UdpLane(LoadRun run, EventLoop loop, int index, Pacer pacer) {
        super(run, loop, index, pacer);
    }

    @Override
    Bootstrap bootstrap() {
        Bootstrap b = new Bootstrap()
                .group(loop)
                .channel(Transports.datagramChannel())
                .option(ChannelOption.SO_RCVBUF, 4 << 20)
                .option(ChannelOption.SO_SNDBUF, 4 << 20)
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline().addLast("replies", new Replies());
                    }
                });
        return Transports.batchedDatagramReads(b, RECEIVE_BUFFER);
    }

    @Override
    void send(Workload.Target target, long startNanos, long now) {
        int id = nextRequestId();
        table.put(new Pending(id, startNanos, now + timeoutNanos, target));
        ByteBuf frame = RequestFrames.resolution(channel.alloc(), id, target.handle());
        for (ByteBuf d : RequestFrames.datagrams(frame, channel.alloc())) {
            write(d);
        }
    }

    @Override
    void sweep(long now) {
        for (Pending p : table.expire(now)) {
            failed(p, ErrorKind.TIMEOUT, p.target.handle() + ": no reply in " + settings.timeout().toMillis() + " ms");
        }
    }

    @Override
    void failAll(ErrorKind kind, String detail) {
        for (Pending p : table.drain()) {
            failed(p, kind, detail);
        }
    }

    private void datagram(ByteBuf d, long now) {
        answered();
        if (d.readableBytes() < Limits.ENVELOPE_SIZE) {
            run.stats().error(ErrorKind.DECODE_ERROR, "datagram of " + d.readableBytes() + " octets (expected: >= 20)");
            return;
        }
        int at = d.readerIndex();
        int id = d.getInt(at + 8);
        int slice = d.getInt(at + 12);
        int length = d.getInt(at + 16);
        Pending p = table.get(id);
        if (p == null) {
            TcpLane.unmatched(table, run, id);
            return;
        }
        int payload = d.readableBytes() - Limits.ENVELOPE_SIZE;
        if (slice == 0 && payload == length) {
            table.remove(id);
            decodeAndFinish(p, () -> MessageCodec.decode(d), now);
            return;
        }
        String bad = badSlice(p, slice, length, payload);
        if (bad != null) {
            table.remove(id);
            failed(p, ErrorKind.DECODE_ERROR, "request id " + id + ": " + bad);
            return;
        }
        if (p.message == null) {
            try {
                p.envelope = EnvelopeCodec.decode(d.duplicate());
            } catch (RuntimeException e) {
                table.remove(id);
                failed(p, ErrorKind.DECODE_ERROR, "request id " + id + ": " + e.getMessage());
                return;
            }
            int slices = (length + Limits.UDP_SLICE_SIZE - 1) / Limits.UDP_SLICE_SIZE;
            p.message = new byte[length];
            p.seen = new boolean[slices];
            p.slicesMissing = slices;
        }
        if (!p.seen[slice]) {
            p.seen[slice] = true;
            d.getBytes(at + Limits.ENVELOPE_SIZE, p.message, slice * Limits.UDP_SLICE_SIZE, payload);
            p.slicesMissing--;
        }
        if (p.slicesMissing == 0) {
            table.remove(id);
            decodeAndFinish(p, () -> MessageCodec.decode(p.envelope, Unpooled.wrappedBuffer(p.message)), now);
        }
    }

    /** Why a slice can't be part of the reply {@code p} is collecting, or null if it can. */
    private static String badSlice(Pending p, int slice, int length, int payload) {
        if (length < 0 || length > Limits.MAX_MESSAGE_LENGTH) {
            return "envelope messageLength " + length + " (expected: 0.." + Limits.MAX_MESSAGE_LENGTH + ")";
        }
        if (p.message != null && p.message.length != length) {
            return "messageLength " + length + " differs from an earlier slice's " + p.message.length;
        }
        long from = (long) slice * Limits.UDP_SLICE_SIZE;
        if (slice < 0 || from >= length) {
            return "messageId " + slice + " (expected: 0.." + ((length - 1) / Limits.UDP_SLICE_SIZE) + ")";
        }
        int want = (int) Math.min(Limits.UDP_SLICE_SIZE, length - from);
        return payload == want ? null : "slice " + slice + " of " + payload + " octets (expected: " + want + ")";
    }

    private void decodeAndFinish(Pending p, Supplier<Message> decode, long now) {
        Message m;
        try {
            m = decode.get();
        } catch (RuntimeException e) {
            failed(p, ErrorKind.DECODE_ERROR, "request id " + p.requestId + ": " + e.getMessage());
            return;
        }
        finish(p, ReplyCheck.binary(m, p.target.miss(), expectValues(), p.target.handle()), now);
    }

    private final class Replies extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            readStarted();
            DatagramPacket packet = (DatagramPacket) msg;
            try {
                datagram(packet.content(), System.nanoTime());
            } finally {
                packet.release();
            }
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            readComplete();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            // ICMP port unreachable: nobody listens; the requests sent will time out on their own.
            if (cause instanceof PortUnreachableException) {
                run.stats().error(ErrorKind.CONNECT_ERROR, run.address() + ": port unreachable");
            }
        }
    }
}
