package org.idnode.bench.load;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.socket.DatagramPacket;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.idnode.protocol.Limits;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * A server that does no work: every UDP/TCP request gets the same precomputed resolution reply
 * (request id patched in), every HTTP request the same JSON. Run the load tool against it to see
 * the tool's own ceiling on this machine. Tests give it other {@link Responder}s to play a broken
 * server. Run: {@code java -cp idnode-benchmarks.jar org.idnode.bench.load.CannedServer --threads 1}.
 */
public final class CannedServer implements AutoCloseable {
    /** What the server answers; null means silence. */
    interface Responder {
        ByteBuf binary(ByteBufAllocator alloc, int requestId);

        FullHttpResponse http();
    }

    private final EventLoopGroup group;
    private final Channel tcp;
    private final List<Channel> udp = new ArrayList<>();
    private final Channel http;

    CannedServer(String bind, int port, int httpPort, int threads, Responder responder) throws InterruptedException {
        group = Transports.group(threads);
        try {
            tcp = new ServerBootstrap().group(group).channel(Transports.serverChannel())
                    .option(ChannelOption.SO_BACKLOG, 4096)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childHandler(new ChannelInitializer<Channel>() {
                        @Override
                        protected void initChannel(Channel ch) {
                            ch.pipeline().addLast(new FrameDecoder(), new TcpReplies(responder));
                        }
                    }).bind(bind, port).sync().channel();
            int bound = ((InetSocketAddress) tcp.localAddress()).getPort();
            // With epoll, one socket per thread shares the port (SO_REUSEPORT), as the node does.
            int sockets = Transports.nativeEpoll() ? threads : 1;
            for (int i = 0; i < sockets; i++) {
                Bootstrap b = Transports.batchedDatagramReads(new Bootstrap(), 2048)
                        .group(group).channel(Transports.datagramChannel())
                        .option(ChannelOption.SO_RCVBUF, 4 << 20)
                        .option(ChannelOption.SO_SNDBUF, 4 << 20)
                        .handler(new UdpReplies(responder));
                if (Transports.nativeEpoll()) {
                    b.option(EpollChannelOption.SO_REUSEPORT, true);
                }
                udp.add(b.bind(bind, bound).sync().channel());
            }
            http = new ServerBootstrap().group(group).channel(Transports.serverChannel())
                    .option(ChannelOption.SO_BACKLOG, 4096)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childHandler(new ChannelInitializer<Channel>() {
                        @Override
                        protected void initChannel(Channel ch) {
                            ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(65536),
                                    new HttpReplies(responder));
                        }
                    }).bind(bind, httpPort).sync().channel();
        } catch (RuntimeException | InterruptedException e) {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            throw e;
        }
    }

    /** The canned answers: a valid resolution with two values, and its REST JSON. */
    static Responder canned() {
        byte[] frame = CannedReplies.resolution();
        byte[] json = CannedReplies.restResolution();
        return new Responder() {
            @Override
            public ByteBuf binary(ByteBufAllocator alloc, int requestId) {
                return CannedReplies.withRequestId(alloc, frame, requestId);
            }

            @Override
            public FullHttpResponse http() {
                return CannedReplies.http(HttpResponseStatus.OK, json);
            }
        };
    }

    InetSocketAddress tcpAddress() {
        return (InetSocketAddress) tcp.localAddress();
    }

    InetSocketAddress httpAddress() {
        return (InetSocketAddress) http.localAddress();
    }

    @Override
    public void close() {
        tcp.close().syncUninterruptibly();
        udp.forEach(c -> c.close().syncUninterruptibly());
        http.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new Cli()).execute(args));
    }

    @Command(name = "canned-server", mixinStandardHelpOptions = true, version = "idnode canned server 0.1.0",
            description = "Answer every request with a fixed valid reply, to measure the load tool's ceiling.")
    static final class Cli implements Callable<Integer> {
        @Option(names = "--bind", defaultValue = "127.0.0.1", description = "Default: ${DEFAULT-VALUE}")
        String bind;

        @Option(names = "--port", defaultValue = "2641", description = "TCP and UDP port. Default: ${DEFAULT-VALUE}")
        int port;

        @Option(names = "--http-port", defaultValue = "8000", description = "HTTP port. Default: ${DEFAULT-VALUE}")
        int httpPort;

        @Option(names = "--threads", defaultValue = "1", description = "Event loop threads. Default: ${DEFAULT-VALUE}")
        int threads;

        @Override
        public Integer call() throws InterruptedException {
            CannedServer server = new CannedServer(bind, port, httpPort, Math.max(1, threads), canned());
            CountDownLatch stop = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                server.close();
                stop.countDown();
            }, "canned-server-stop"));
            System.err.printf("canned server: tcp/udp %s, http %s, %d thread(s), %s; Ctrl-C to stop%n",
                    server.tcpAddress(), server.httpAddress(), threads, Transports.name());
            stop.await();
            return 0;
        }
    }

    @ChannelHandler.Sharable
    private static final class UdpReplies extends ChannelInboundHandlerAdapter {
        private final Responder responder;

        UdpReplies(Responder responder) {
            this.responder = responder;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            DatagramPacket p = (DatagramPacket) msg;
            try {
                ByteBuf in = p.content();
                // Only the first slice of a multi-datagram request is answered: one reply per request.
                if (in.readableBytes() >= Limits.ENVELOPE_SIZE && in.getInt(in.readerIndex() + 12) == 0) {
                    ByteBuf reply = responder.binary(ctx.alloc(), in.getInt(in.readerIndex() + 8));
                    if (reply != null) {
                        // A reply over 492 octets goes in 492-octet slices, as a node sends it (§2).
                        for (ByteBuf d : RequestFrames.datagrams(reply, ctx.alloc())) {
                            ctx.write(new DatagramPacket(d, p.sender()), ctx.voidPromise());
                        }
                    }
                }
            } finally {
                p.release();
            }
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            ctx.flush();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            // A client gone away (ICMP): nothing to do, keep serving.
        }
    }

    private static final class TcpReplies extends ChannelInboundHandlerAdapter {
        private final Responder responder;

        TcpReplies(Responder responder) {
            this.responder = responder;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (!(msg instanceof ByteBuf frame)) {
                ctx.close(); // a bad length: the stream can't be read on
                return;
            }
            try {
                ByteBuf reply = responder.binary(ctx.alloc(), frame.getInt(frame.readerIndex() + 8));
                if (reply != null) {
                    ctx.write(reply, ctx.voidPromise());
                }
            } finally {
                frame.release();
            }
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            ctx.flush();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }

    private static final class HttpReplies extends SimpleChannelInboundHandler<FullHttpRequest> {
        private final Responder responder;

        HttpReplies(Responder responder) {
            this.responder = responder;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
            FullHttpResponse res = responder.http();
            if (res == null) {
                return;
            }
            if (HttpUtil.isKeepAlive(req)) {
                ctx.write(res, ctx.voidPromise());
            } else {
                res.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
                ctx.write(res).addListener(ChannelFutureListener.CLOSE);
            }
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            ctx.flush();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
