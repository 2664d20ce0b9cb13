package org.idnode.node.transport;

import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.List;
import java.util.Map;

/**
 * A REST request as the API needs it, copied out of Netty's buffers while the channel handler still
 * holds them, so that answering may finish later (a write answers once durable) on another thread.
 *
 * @param path   the raw (still percent-encoded) path
 * @param secure whether it came over HTTPS
 */
record RestRequest(HttpMethod method, String uri, String path, Map<String, List<String>> params, String contentType,
                   String authorization, byte[] body, SocketAddress client, boolean secure) {

    static RestRequest of(FullHttpRequest req, String path, Map<String, List<String>> params, SocketAddress client,
                          boolean secure) {
        byte[] body = new byte[req.content().readableBytes()];
        req.content().getBytes(req.content().readerIndex(), body);
        return new RestRequest(req.method(), req.uri(), path, params, req.headers().get(HttpHeaderNames.CONTENT_TYPE),
                req.headers().get(HttpHeaderNames.AUTHORIZATION), body, client, secure);
    }

    boolean pretty() {
        return RestParams.flag(params, "pretty");
    }

    List<String> param(String name) {
        return params.getOrDefault(name, List.of());
    }

    boolean fromLoopback() {
        return client instanceof InetSocketAddress a && a.getAddress() != null && a.getAddress().isLoopbackAddress();
    }

    /** §18: a body must be declared {@code application/json} (parameters such as charset allowed). */
    boolean isJson() {
        if (contentType == null) {
            return false;
        }
        int semi = contentType.indexOf(';');
        String type = (semi < 0 ? contentType : contentType.substring(0, semi)).trim();
        return type.equalsIgnoreCase("application/json");
    }
}
