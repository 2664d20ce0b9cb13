package org.idnode.node.transport;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.WriteBufferWaterMark;
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
import org.idnode.node.config.Cidr;
import org.idnode.node.config.NodeConfig;
import org.idnode.node.config.TrafficLimits;
import org.idnode.node.service.RequestProcessor;
import org.idnode.node.service.ServerFailures;

/**
 * The node's sockets: TCP and UDP on one port, HTTP on another. They are bound with reading paused,
 * so that the actual ports (0 = ephemeral) are known before the site info and the request processor
 * are built; {@link #serve} then installs the processor and starts reading.
 */
public final class Listeners implements AutoCloseable {
    // Pipeline handler names, in order.
    static final String BACKPRESSURE = "backpressure";
    static final String DEADLINE = "deadline";
    static final String IDLE = "idle";
    static final String FRAMES = "frames";
    static final String HANDLE = "handle";
    static final String FAILURES = "failures";
    static final String TLS = "tls";
    static final String HTTP_CODEC = "http";
    static final String HTTP_BUDGET = "budget";
    static final String HTTP_AGGREGATOR = "aggregator";
    static final int UDP_MAX_DATAGRAM = 2048;

    private final NodeConfig config;
    private final ServerFailures failures;
    private final TrafficLimits limits;
    /** Octets of unfinished requests on every TCP and HTTP connection. */
    private final ByteBudget inputBudget;
    /** Octets of multi-datagram requests in assembly, all UDP sockets. */
    private final ByteBudget udpBudget;
    private final ProvenAddresses proven;
    private final ConnectionLimiter tcpConnections;
    private final ConnectionLimiter httpConnections;
    private final EventLoopGroup boss;
    private final EventLoopGroup workers;
    private final EventLoopWatch watch;
    /** Open TCP and HTTP connections, for draining on stop. */
    private final io.netty.channel.group.ChannelGroup connections =
            new io.netty.channel.group.DefaultChannelGroup(io.netty.util.concurrent.GlobalEventExecutor.INSTANCE);
    private final AtomicReference<RequestProcessor> processor = new AtomicReference<>();
    private final AtomicReference<RestApi> rest = new AtomicReference<>();
    private final TransportCounters counters = new TransportCounters();
    private final Channel tcp;
    private final List<Channel> udp = new ArrayList<>();
    private final Channel http;
    /** The HTTPS listener; null when httpsPort is -1. */
    private final Channel https;
    private volatile boolean serving;

    public Listeners(NodeConfig config, ServerFailures failures) {
        this.config = config;
        this.failures = failures;
        this.limits = config.limits();
        this.inputBudget = new ByteBudget("input", limits.inputBufferBytes());
        this.udpBudget = new ByteBudget("udp_reassembly", limits.udpReassemblyBytes());
        this.proven = new ProvenAddresses(limits.udpTrustedNetworks().stream().map(Cidr::parse).toList(),
                limits.udpProofLifetime().toNanos());
        this.tcpConnections = new ConnectionLimiter(limits.maxConnections(), limits.maxConnectionsPerAddress(),
                TransportCounters.Rejection.TCP_CONNECTIONS, TransportCounters.Rejection.TCP_CONNECTIONS_PER_ADDRESS,
                counters, proven);
        this.httpConnections = new ConnectionLimiter(limits.maxConnections(), limits.maxConnectionsPerAddress(),
                TransportCounters.Rejection.HTTP_CONNECTIONS, TransportCounters.Rejection.HTTP_CONNECTIONS_PER_ADDRESS,
                counters, proven);
        int threads = config.ioThreads() == 0 ? Runtime.getRuntime().availableProcessors() : config.ioThreads();
        this.boss = NettyTransports.group(1);
        this.workers = NettyTransports.group(threads);
        this.watch = new EventLoopWatch(workers);
        try {
            tcp = bindTcp();
            int port = ((InetSocketAddress) tcp.localAddress()).getPort();
            // With epoll, several UDP sockets share the port (SO_REUSEPORT), one per event loop.
            int udpSockets = NettyTransports.nativeEpoll() ? threads : 1;
            for (int i = 0; i < udpSockets; i++) {
                udp.add(bindUdp(port));
            }
            http = bindHttp();
            https = config.rest().httpsPort() < 0 ? null : bindHttps(TlsContext.server(config.rest()));
        } catch (RuntimeException | InterruptedException e) {
            close();
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            if (e instanceof IllegalStateException already) {
                throw already;
            }
            throw new IllegalStateException("cannot listen on " + config.bind() + ": " + e, e);
        }
    }

    private Channel bindTcp() throws InterruptedException {
        return bindStream("tcp", config.port(), tcpConnections, TransportCounters.Stream.TCP, false, (ch, deadline) -> ch.pipeline()
                .addLast(FRAMES, new TcpFrameDecoder(config.maxFrameBytes(), inputBudget, deadline))
                .addLast(HANDLE, new TcpRequestHandler(processor.get(), counters))
                .addLast(FAILURES, PipelineFailures.tcp(failures, processor.get())));
    }

    /** The handlers that go after the ones every stream connection has. */
    private interface StreamPipeline {
        void add(SocketChannel ch, RequestDeadline deadline);
    }

    /**
     * A stream listener with reading paused until {@link #serve}. A connection over the limits is
     * closed at once; the others get, first, reply backpressure, the request deadline and the idle
     * handler, then {@code pipeline}'s handlers.
     */
    private Channel bindStream(String transport, int port, ConnectionLimiter limiter, TransportCounters.Stream rejections,
                               boolean beginOnRead, StreamPipeline pipeline) throws InterruptedException {
        long idle = config.tcpIdleTimeout().toMillis();
        long readTimeout = limits.requestReadTimeout().toNanos();
        ServerBootstrap b = new ServerBootstrap()
                .group(boss, workers)
                .channel(NettyTransports.serverChannel())
                .option(ChannelOption.SO_BACKLOG, 4096)
                .option(ChannelOption.AUTO_READ, false)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK,
                        new WriteBufferWaterMark(limits.replyHighWaterBytes() / 2, limits.replyHighWaterBytes()))
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        if (!limiter.admit(ch)) {
                            return;
                        }
                        connections.add(ch);
                        RequestDeadline deadline = new RequestDeadline(readTimeout, beginOnRead,
                                rejections.slowRequest(), counters);
                        ch.pipeline()
                                .addLast(BACKPRESSURE, new ReplyBackpressure(limits.maxQueuedReplyBytes(),
                                        rejections.replyQueue(), counters))
                                .addLast(DEADLINE, deadline)
                                .addLast(IDLE, new IdleStateHandler(0, 0, idle, TimeUnit.MILLISECONDS));
                        pipeline.add(ch, deadline);
                    }
                });
        return bind(b, transport, port);
    }

    /** Binds {@code b} to the configured address, or fails in one line naming the transport and address. */
    private Channel bind(io.netty.bootstrap.AbstractBootstrap<?, ?> b, String transport, int port) throws InterruptedException {
        InetSocketAddress at = BindFailure.address(transport, config.bind(), port);
        io.netty.channel.ChannelFuture f = b.bind(at).await();
        if (!f.isSuccess()) {
            throw BindFailure.of(transport, config.bind(), port, f.cause());
        }
        return f.channel();
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
        return bind(b, "udp", port);
    }

    private Channel bindHttp() throws InterruptedException {
        return bindStream("http", config.httpPort(), httpConnections, TransportCounters.Stream.HTTP, true,
                (ch, deadline) -> addHttp(ch, deadline, false));
    }

    /**
     * HTTPS: the same REST API and binary-over-HTTP behind TLS (§17, §18), with the same connection
     * limits, budgets and deadlines as HTTP; the request deadline covers the handshake too.
     */
    private Channel bindHttps(io.netty.handler.ssl.SslContext tls) throws InterruptedException {
        return bindStream("https", config.rest().httpsPort(), httpConnections, TransportCounters.Stream.HTTP, false,
                (ch, deadline) -> {
                    ch.pipeline().addLast(TLS, tls.newHandler(ch.alloc()));
                    addHttp(ch, deadline, true);
                });
    }

    private void addHttp(SocketChannel ch, RequestDeadline deadline, boolean secure) {
        ch.pipeline()
                .addLast(HTTP_CODEC, new HttpServerCodec(4096, 8192, 8192))
                .addLast(HTTP_BUDGET, new HttpInputBudget(inputBudget, counters))
                .addLast(HTTP_AGGREGATOR, new RefusingAggregator(config.maxFrameBytes(),
                        Math.max(config.maxFrameBytes(), config.rest().maxBatchBytes()), counters))
                .addLast(HANDLE, new HttpRequestHandler(processor.get(), rest.get(), counters, deadline, secure,
                        config.maxFrameBytes()))
                .addLast(FAILURES, PipelineFailures.http(failures));
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

    /** The HTTPS address; null when httpsPort is -1. */
    public InetSocketAddress httpsAddress() {
        return https == null ? null : (InetSocketAddress) https.localAddress();
    }

    public TransportCounters counters() {
        return counters;
    }

    public ByteBudget inputBudget() {
        return inputBudget;
    }

    public ByteBudget udpBudget() {
        return udpBudget;
    }

    public ConnectionLimiter tcpConnections() {
        return tcpConnections;
    }

    public ConnectionLimiter httpConnections() {
        return httpConnections;
    }

    /**
     * An oversized body (its Content-Length, or what arrived, over maxFrameBytes) is answered 413 and
     * the connection closed once the answer is out ({@link LingeringClose}): Netty's own aggregator would keep a keep-alive connection open
     * and read the rest of the body, however long, only to throw it away.
     */
    private static final class RefusingAggregator extends HttpObjectAggregator {
        private final TransportCounters counters;
        private final int maxBody;
        private int limit;

        /** {@code maxBody} for every body, {@code maxBatchBody} for {@code POST /api/batch} alone. */
        RefusingAggregator(int maxBody, int maxBatchBody, TransportCounters counters) {
            super(maxBatchBody);
            this.maxBody = maxBody;
            this.limit = maxBody;
            this.counters = counters;
        }

        @Override
        protected boolean isStartMessage(io.netty.handler.codec.http.HttpObject msg) throws Exception {
            boolean start = super.isStartMessage(msg);
            if (start && msg instanceof io.netty.handler.codec.http.HttpRequest r) {
                boolean batch = r.method() == io.netty.handler.codec.http.HttpMethod.POST && r.uri().startsWith(RestApi.BATCH_PATH);
                limit = batch ? maxContentLength() : maxBody;
            }
            return start;
        }

        @Override
        protected boolean isContentLengthInvalid(HttpMessage start, int maxContentLength) {
            return super.isContentLengthInvalid(start, limit);
        }


        @Override
        protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) {
            counters.rejected(TransportCounters.Rejection.HTTP_OVERSIZED);
            io.netty.handler.codec.http.FullHttpResponse res = RestApi.plainError(
                    io.netty.handler.codec.http.HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE,
                    "request body over " + limit + " octets");
            res.headers().set(io.netty.handler.codec.http.HttpHeaderNames.CONNECTION,
                    io.netty.handler.codec.http.HttpHeaderValues.CLOSE);
            res.headers().setInt(io.netty.handler.codec.http.HttpHeaderNames.CONTENT_LENGTH, res.content().readableBytes());
            LingeringClose.answerAndClose(ctx, res);
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
            UdpReassembler reassembler = new UdpReassembler(config.udpMaxPendingRequests(), timeout,
                    limits.udpReassemblyBytesPerSource(), udpBudget);
            u.pipeline().addLast(HANDLE, new UdpRequestHandler(p, reassembler,
                    new UdpRateLimiter(limits.udpRepliesPerSecond(), proven::isTrusted), proven, limits.udpReplyFactor(), counters))
                    .addLast(FAILURES, PipelineFailures.udp(failures));
            u.config().setAutoRead(true);
        }
        tcp.config().setAutoRead(true);
        http.config().setAutoRead(true);
        if (https != null) {
            https.config().setAutoRead(true);
        }
        serving = true;
    }

    /** For readiness: every event loop runs its tasks (none blocked for two seconds). */
    public boolean eventLoopsRunning() {
        return watch.allRunning();
    }

    /** For readiness: no budget 90% spent (a flood is in progress; new peers would be refused). */
    public boolean budgetsAvailable() {
        return inputBudget.fill() < 0.9 && udpBudget.fill() < 0.9;
    }

    /** The event loops that serve requests (for tests that need to stall one). */
    public EventLoopGroup workers() {
        return workers;
    }

    /** True from {@link #serve} until {@link #close}, while every socket is open: for readiness. */
    public boolean serving() {
        if (!serving || !tcp.isActive() || !http.isActive() || (https != null && !https.isActive())) {
            return false;
        }
        for (Channel u : udp) {
            if (!u.isActive()) {
                return false;
            }
        }
        return true;
    }

    /**
     * Stops taking requests and lets those already read be answered: readiness turns false, the
     * listening sockets close (no new connections, no new datagrams), every connection stops
     * reading, and each is closed once the replies queued before that point are written; whatever
     * is still open after {@code grace} is closed as it is. Resolutions are answered synchronously
     * on the event loops, so a request that was read has its reply queued by then; an HTTP
     * connection with answers still to come (a REST write waiting for its commit) closes after the
     * last of them.
     */
    public void drain(java.time.Duration grace) {
        serving = false;
        tcp.close().syncUninterruptibly();
        http.close().syncUninterruptibly();
        if (https != null) {
            https.close().syncUninterruptibly();
        }
        for (Channel u : udp) {
            u.close().syncUninterruptibly();
        }
        for (Channel c : connections) {
            c.eventLoop().execute(() -> {
                c.config().setAutoRead(false);
                HttpRequestHandler http = c.pipeline().get(HttpRequestHandler.class);
                if (http != null) {
                    http.closeWhenAnswered(); // REST writes answer once durable, after the read
                    return;
                }
                // Writes complete in order: when this empty write is done, every earlier reply is out.
                c.writeAndFlush(io.netty.buffer.Unpooled.EMPTY_BUFFER).addListener(io.netty.channel.ChannelFutureListener.CLOSE);
            });
        }
        if (!connections.newCloseFuture().awaitUninterruptibly(grace.toMillis())) {
            connections.close().awaitUninterruptibly(1000);
        }
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
        if (https != null) {
            https.close().syncUninterruptibly();
        }
        watch.close();
        boss.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
