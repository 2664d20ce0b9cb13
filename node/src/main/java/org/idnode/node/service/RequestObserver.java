package org.idnode.node.service;

import io.netty.buffer.ByteBuf;
import java.net.SocketAddress;

/**
 * Sees every request the dispatchers answer ({@link RequestProcessor} for the binary protocol,
 * the REST API for JSON): the one hook for metrics and the access log, so that neither is sprinkled
 * over the transports. Called on the event loop: implementations must be quick, must not block and
 * must not throw. {@link #NONE} costs nothing, so a node with both switched off pays nothing.
 */
public interface RequestObserver {
    RequestObserver NONE = new RequestObserver() {
        @Override
        public long started(Interface transport) {
            return 0;
        }

        @Override
        public void answered(Interface transport, long start, SocketAddress client, ByteBuf request, ByteBuf response) {
        }

        @Override
        public void answeredRest(long start, SocketAddress client, int opCode, int responseCode, String handle,
                                 int receivedBytes, int sentBytes) {
        }
    };

    /** A request is about to be processed; returns its start ({@link System#nanoTime()}, or 0 if unused). */
    long started(Interface transport);

    /**
     * A binary request was answered. {@code request} and {@code response} are whole frames (envelope
     * + message) with their reader index at the envelope; they are valid during this call only.
     * {@code client} may be null (a caller without a socket, as in benchmarks).
     */
    void answered(Interface transport, long start, SocketAddress client, ByteBuf request, ByteBuf response);

    /** A REST request was answered; {@code handle} is null when the request named none. */
    void answeredRest(long start, SocketAddress client, int opCode, int responseCode, String handle,
                      int receivedBytes, int sentBytes);

    /** Both observers, {@code first}'s start shared (both mean {@link System#nanoTime()} by it). */
    static RequestObserver both(RequestObserver first, RequestObserver second) {
        if (first == NONE) {
            return second;
        }
        if (second == NONE) {
            return first;
        }
        return new RequestObserver() {
            @Override
            public long started(Interface transport) {
                second.started(transport);
                return first.started(transport);
            }

            @Override
            public void answered(Interface transport, long start, SocketAddress client, ByteBuf request, ByteBuf response) {
                first.answered(transport, start, client, request, response);
                second.answered(transport, start, client, request, response);
            }

            @Override
            public void answeredRest(long start, SocketAddress client, int opCode, int responseCode, String handle,
                                     int receivedBytes, int sentBytes) {
                first.answeredRest(start, client, opCode, responseCode, handle, receivedBytes, sentBytes);
                second.answeredRest(start, client, opCode, responseCode, handle, receivedBytes, sentBytes);
            }
        };
    }
}
