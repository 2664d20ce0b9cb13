package org.idnode.node.transport;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.timeout.IdleStateHandler;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.idnode.node.config.NodeConfig;
import org.idnode.node.service.RequestProcessor;

/**
 * The node's sockets: TCP and UDP on one port, HTTP on another. They are bound with reading paused,
 * so that the actual ports (0 = ephemeral) are known before the site info and the request processor
 * are built; {@link #serve} then installs the processor and starts reading.
 */
public final class Listeners implements AutoCloseable {
    // Pipeline handler names, in order.
    static final String IDLE = "idle";
    static final String FRAMES = "frames";
    static final String HANDLE = "handle";
    static final String HTTP_CODEC = "http";
    static final String HTTP_AGGREGATOR = "aggregator";
    static final int UDP_MAX_DATAGRAM = 2048;

    private final NodeConfig config;
    private final EventLoopGroup boss;
    private final EventLoopGroup workers;
    private final AtomicReference<RequestProcessor> processor = new AtomicReference<>();
    private final AtomicReference<RestApi> rest = new AtomicReference<>();
    private final TransportCounters counters = new TransportCounters();
    private final Channel tcp;
    private final List<Channel> udp = new ArrayList<>();
    private final Channel http;
    private volatile boolean serving;

    public Listeners(NodeConfig config) {
        this.config = config;
        int threads = config.ioThreads() == 0 ? Runtime.getRuntime().availableProcessors() : config.ioThreads();
        this.boss = NettyTransports.group(1);
        this.workers = NettyTransports.group(threads);
        try {
            tcp = bindTcp();
            int port = ((InetSocketAddress) tcp.localAddress()).getPort();
            // With epoll, several UDP sockets share the port (SO_REUSEPORT), one per event loop.
            int udpSockets = NettyTransports.nativeEpoll() ? threads : 1;
            for (int i = 0; i < udpSockets; i++) {
                udp.add(bindUdp(port));
            }
            http = bindHttp();
        } catch (RuntimeException | InterruptedException e) {
            close();
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new IllegalStateException("cannot listen on " + config.bind() + ": " + e.getMessage(), e);
        }
    }

    private Channel bindTcp() throws InterruptedException {
        return bindStream(config.port(), ch -> ch.pipeline()
                .addLast(FRAMES, new TcpFrameDecoder(config.maxFrameBytes()))
                .addLast(HANDLE, new TcpRequestHandler(processor.get(), counters)));
    }

    /** A stream listener with reading paused until {@link #serve}; every connection gets the idle handler first. */
    private Channel bindStream(int port, java.util.function.Consumer<SocketChannel> pipeline) throws InterruptedException {
        long idle = config.tcpIdleTimeout().toMillis();
        ServerBootstrap b = new ServerBootstrap()
                .group(boss, workers)
                .channel(NettyTransports.serverChannel())
                .option(ChannelOption.SO_BACKLOG, 4096)
                .option(ChannelOption.AUTO_READ, false)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(IDLE, new IdleStateHandler(0, 0, idle, TimeUnit.MILLISECONDS));
                        pipeline.accept(ch);
                    }
                });
        return b.bind(config.bind(), port).sync().channel();
    }

    private Channel bindUdp(int port) throws InterruptedException {
        Bootstrap b = new Bootstrap()
                .group(workers)
                .channel(NettyTransports.datagramChannel())
                .option(ChannelOption.AUTO_READ, false)
                .option(ChannelOption.SO_RCVBUF, 4 << 20)
                .option(ChannelOption.SO_SNDBUF, 4 << 20)
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                    }
                });
        if (NettyTransports.nativeEpoll()) {
            b.option(EpollChannelOption.SO_REUSEPORT, true);
            // recvmmsg: up to 32 datagrams per system call, each at most UDP_MAX_DATAGRAM octets
            // (clients send <= 512, §2; anything longer arrives truncated and is answered as malformed).
            b.option(EpollChannelOption.MAX_DATAGRAM_PAYLOAD_SIZE, UDP_MAX_DATAGRAM);
            b.option(ChannelOption.RCVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(UDP_MAX_DATAGRAM * 32));
        }
        return b.bind(config.bind(), port).sync().channel();
    }

    private Channel bindHttp() throws InterruptedException {
        return bindStream(config.httpPort(), ch -> ch.pipeline()
                .addLast(HTTP_CODEC, new HttpServerCodec(4096, 8192, 8192))
                .addLast(HTTP_AGGREGATOR, new CountingAggregator(config.maxFrameBytes(), counters))
                .addLast(HANDLE, new HttpRequestHandler(processor.get(), rest.get(), counters)));
    }

    public InetSocketAddress tcpAddress() {
        return (InetSocketAddress) tcp.localAddress();
    }

    public InetSocketAddress udpAddress() {
        return (InetSocketAddress) udp.get(0).localAddress();
    }

    public InetSocketAddress httpAddress() {
        return (InetSocketAddress) http.localAddress();
    }

    public TransportCounters counters() {
        return counters;
    }

    /** The aggregator answers an oversized body with 413 itself; this counts it first. */
    private static final class CountingAggregator extends HttpObjectAggregator {
        private final TransportCounters counters;

        CountingAggregator(int maxContentLength, TransportCounters counters) {
            super(maxContentLength);
            this.counters = counters;
        }

        @Override
        protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) throws Exception {
            counters.rejected(TransportCounters.Rejection.HTTP_OVERSIZED);
            super.handleOversizedMessage(ctx, oversized);
        }
    }

    public String transportName() {
        return NettyTransports.name(tcp);
    }

    /** Installs the request processor and starts accepting. */
    public void serve(RequestProcessor p, RestApi restApi) {
        processor.set(p);
        rest.set(restApi);
        long timeout = config.udpReassemblyTimeout().toNanos();
        for (Channel u : udp) {
            u.pipeline().addLast(HANDLE, new UdpRequestHandler(p, config.udpMaxPendingRequests(), timeout, counters));
            u.config().setAutoRead(true);
        }
        tcp.config().setAutoRead(true);
        http.config().setAutoRead(true);
        serving = true;
    }

    /** True from {@link #serve} until {@link #close}, while every socket is open: for readiness. */
    public boolean serving() {
        if (!serving || !tcp.isActive() || !http.isActive()) {
            return false;
        }
        for (Channel u : udp) {
            if (!u.isActive()) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void close() {
        serving = false;
        if (tcp != null) {
            tcp.close().syncUninterruptibly();
        }
        for (Channel u : udp) {
            u.close().syncUninterruptibly();
        }
        if (http != null) {
            http.close().syncUninterruptibly();
        }
        boss.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
