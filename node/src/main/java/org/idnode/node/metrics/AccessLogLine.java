package org.idnode.node.metrics;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.idnode.node.service.Interface;

/**
 * One access log entry, made on the event loop and formatted on the writer thread as one line of
 * space-separated fields:
 *
 * <pre>time client transport requestId opcode handle rc micros</pre>
 *
 * for example {@code 2025-06-01T08:00:00.123Z 10.0.0.7:53211 udp 77 1 88.118.8/PUMP-1 1 14}: UTC time
 * in ISO-8601 with milliseconds, client address and port ("-" if unknown), transport (udp, tcp, http,
 * rest), request id ("-" for REST), opcode, the handle of a resolution ("-" otherwise) with spaces,
 * control characters and '%' percent-encoded so that fields never split, the response code, and the
 * processing time in microseconds.
 */
record AccessLogLine(long timeMillis, SocketAddress client, Interface transport, int requestId, int opCode,
                     byte[] handle, int rc, long micros) {
    private static final String HEX = "0123456789ABCDEF";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    void appendTo(StringBuilder sb) {
        TIME.formatTo(Instant.ofEpochMilli(timeMillis), sb);
        sb.append(' ');
        appendClient(sb);
        sb.append(' ').append(transport.label()).append(' ');
        if (transport == Interface.REST) {
            sb.append('-');
        } else {
            sb.append(requestId);
        }
        sb.append(' ').append(opCode).append(' ');
        appendHandle(sb);
        sb.append(' ').append(rc).append(' ').append(micros).append('\n');
    }

    private void appendClient(StringBuilder sb) {
        if (client instanceof InetSocketAddress a && a.getAddress() != null) {
            String host = a.getAddress().getHostAddress();
            if (host.indexOf(':') >= 0) {
                sb.append('[').append(host).append(']');
            } else {
                sb.append(host);
            }
            sb.append(':').append(a.getPort());
        } else {
            sb.append('-');
        }
    }

    private void appendHandle(StringBuilder sb) {
        if (handle == null || handle.length == 0) {
            sb.append('-');
            return;
        }
        String h = new String(handle, StandardCharsets.UTF_8);
        for (int i = 0; i < h.length(); i++) {
            char c = h.charAt(i);
            if (c <= ' ' || c == '%' || c == 0x7F) {
                sb.append('%').append(HEX.charAt(c >> 4 & 0xF)).append(HEX.charAt(c & 0xF));
            } else {
                sb.append(c);
            }
        }
    }
}
