package org.idnode.node.metrics;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.timeout.IdleStateHandler;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import org.idnode.node.transport.BindFailure;
import org.idnode.node.transport.ConnectionLimiter;
import org.idnode.node.transport.NettyTransports;

/**
 * The admin HTTP port: {@code /metrics}, {@code /health}, {@code /ready} (see {@link AdminHandler}).
 * Its own server channel on its own single event loop, so that rendering a scrape (a millisecond or
 * so) never holds up the event loops that answer requests.
 */
public final class AdminServer implements AutoCloseable {
    private static final int MAX_REQUEST_BYTES = 8192;
    private static final long IDLE_SECONDS = 120;

    private final EventLoopGroup group = NettyTransports.group(1);
    private final Channel channel;

    /**
     * Binds {@code bind:port} (0 = any free port) and serves; {@code metrics} null means metrics are off.
     * {@code connections} is the admin port's own budget, so that operators can still reach it while
     * the request ports are full.
     */
    public AdminServer(String bind, int port, Metrics metrics, Readiness readiness, ConnectionLimiter connections,
                       org.idnode.node.service.ServerFailures failures) {
        ServerBootstrap b = new ServerBootstrap()
                .group(group)
                .channel(NettyTransports.serverChannel())
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        if (!connections.admit(ch)) {
                            return;
                        }
                        ch.pipeline()
                                .addLast("idle", new IdleStateHandler(0, 0, IDLE_SECONDS, TimeUnit.SECONDS))
                                .addLast("http", new HttpServerCodec(4096, 8192, 8192))
                                .addLast("aggregator", new HttpObjectAggregator(MAX_REQUEST_BYTES))
                                .addLast("handle", new AdminHandler(metrics, readiness))
                                .addLast("failures", org.idnode.node.transport.PipelineFailures.admin(failures));
                    }
                });
        Channel bound = null;
        try {
            io.netty.channel.ChannelFuture f = b.bind(BindFailure.address("admin", bind, port)).await();
            if (!f.isSuccess()) {
                throw BindFailure.of("admin", bind, port, f.cause());
            }
            bound = f.channel();
        } catch (RuntimeException | InterruptedException e) {
            close(null);
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while binding the admin port", e);
            }
            throw (RuntimeException) e;
        }
        channel = bound;
    }

    public InetSocketAddress address() {
        return (InetSocketAddress) channel.localAddress();
    }

    /** Stops listening and waits for the event loop to end, so no scrape is still reading the store. */
    @Override
    public void close() {
        close(channel);
    }

    private void close(Channel c) {
        if (c != null) {
            c.close().syncUninterruptibly();
        }
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
