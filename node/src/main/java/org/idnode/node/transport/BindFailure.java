package org.idnode.node.transport;

import java.net.InetSocketAddress;

/**
 * Why a socket could not be bound, in one line a newcomer understands ("tcp 127.0.0.1:2641 is in
 * use"), instead of Netty's native error or a bare null: thrown as IllegalStateException, which
 * {@code idnode run} prints without a stack trace.
 */
public final class BindFailure {
    private BindFailure() {
    }

    /** The address to bind, or a failure naming {@code transport} if {@code host} is not an address. */
    public static InetSocketAddress address(String transport, String host, int port) {
        InetSocketAddress a = new InetSocketAddress(host, port);
        if (a.isUnresolved()) {
            throw new IllegalStateException(transport + " cannot listen on " + host + ":" + port
                    + ": not an IP address or a host name this machine can resolve");
        }
        return a;
    }

    public static IllegalStateException of(String transport, String host, int port, Throwable e) {
        String m = String.valueOf(e.getMessage());
        String where = transport + " " + host + ":" + port;
        if (m.contains("Address already in use")) {
            return new IllegalStateException(where + " is in use (another node, or another program on that port)", e);
        }
        if (m.contains("Cannot assign requested address")) {
            return new IllegalStateException(where + ": " + host + " is not an address of this machine", e);
        }
        if (m.contains("Permission denied")) {
            return new IllegalStateException(where + ": permission denied (ports below 1024 need CAP_NET_BIND_SERVICE)", e);
        }
        return new IllegalStateException("cannot listen on " + where + ": " + m, e);
    }
}
