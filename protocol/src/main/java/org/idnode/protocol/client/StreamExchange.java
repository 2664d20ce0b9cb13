package org.idnode.protocol.client;

import io.netty.buffer.Unpooled;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import org.idnode.protocol.Limits;
import org.idnode.protocol.codec.EnvelopeCodec;
import org.idnode.protocol.model.Envelope;

/**
 * TCP (§2) and binary-over-HTTP (§17) on a plain socket: both send the encoded request on a fresh
 * connection and read one envelope, then exactly {@code messageLength} octets. HTTP adds a request
 * line and headers before the body and skips the response headers, as the official client does (it
 * ignores the HTTP status and reads the envelope right after the blank line). Every read is bounded
 * by the deadline and by {@link Limits#MAX_MESSAGE_LENGTH}.
 */
final class StreamExchange {
    /** Response status line + headers: generous for any server, small enough to never matter. */
    static final int MAX_HTTP_HEAD = 16 * 1024;

    private StreamExchange() {
    }

    static byte[] tcp(InetSocketAddress server, byte[] request, Deadline deadline) throws IOException {
        try (Socket s = connect(server, deadline)) {
            OutputStream out = s.getOutputStream();
            out.write(request);
            out.flush();
            return readFrame(s, new BufferedInputStream(s.getInputStream(), 8192), deadline);
        }
    }

    /**
     * As {@link #tcp}, then goes on reading while the message read has CN set (§4: listings come 50
     * names a message, CN on all but the last), at most {@code maxMessages} messages.
     */
    static java.util.List<byte[]> tcpContinued(InetSocketAddress server, byte[] request, Deadline deadline, int maxMessages)
            throws IOException {
        try (Socket s = connect(server, deadline)) {
            OutputStream out = s.getOutputStream();
            out.write(request);
            out.flush();
            InputStream in = new BufferedInputStream(s.getInputStream(), 8192);
            java.util.List<byte[]> frames = new java.util.ArrayList<>();
            for (int i = 0; i < maxMessages; i++) {
                byte[] frame = readFrame(s, in, deadline);
                frames.add(frame);
                // The header's op flags follow the envelope and two int4s; an encrypted reply is not continued.
                boolean continued = frame.length >= Limits.ENVELOPE_SIZE + 12
                        && (Unpooled.wrappedBuffer(frame).getInt(Limits.ENVELOPE_SIZE + 8) & org.idnode.protocol.OpFlags.CN) != 0;
                if (!continued) {
                    return frames;
                }
            }
            throw new IOException("a reply of more than " + maxMessages + " continued messages");
        }
    }

    static byte[] http(InetSocketAddress server, String handle, byte[] request, Deadline deadline) throws IOException {
        try (Socket s = connect(server, deadline)) {
            String head = "POST /" + PercentEncoding.encode(handle) + " HTTP/1.1\r\n"
                    + "Host: " + hostHeader(server) + "\r\n"
                    + "Accept: application/x-hdl-message\r\n"
                    + "Content-Type: application/x-hdl-message\r\n"
                    + "User-Agent: idnode-client\r\n"
                    + "Content-Length: " + request.length + "\r\n"
                    + "Connection: close\r\n\r\n";
            OutputStream out = s.getOutputStream();
            out.write(head.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            out.write(request);
            out.flush();
            InputStream in = new BufferedInputStream(s.getInputStream(), 8192);
            skipHttpHead(s, in, deadline);
            return readFrame(s, in, deadline);
        }
    }

    static Socket connect(InetSocketAddress server, Deadline deadline) throws IOException {
        if (server.isUnresolved()) {
            throw new java.net.UnknownHostException(server.getHostString());
        }
        Socket s = new Socket();
        try {
            s.setTcpNoDelay(true);
            s.connect(server, deadline.millisLeft("connect to " + server));
            return s;
        } catch (IOException | RuntimeException e) {
            s.close();
            throw e;
        }
    }

    /** One reply frame: envelope + exactly {@code messageLength} octets, each read bounded by the deadline. */
    static byte[] readFrame(Socket s, InputStream in, Deadline deadline) throws IOException {
        byte[] env = new byte[Limits.ENVELOPE_SIZE];
        readFully(s, in, env, deadline, "reply envelope");
        // Checks the version and that messageLength is within §3's bound before we allocate for it.
        Envelope e = EnvelopeCodec.decode(Unpooled.wrappedBuffer(env));
        byte[] frame = new byte[Limits.ENVELOPE_SIZE + e.messageLength()];
        System.arraycopy(env, 0, frame, 0, env.length);
        readFully(s, in, frame, Limits.ENVELOPE_SIZE, e.messageLength(), deadline, "reply message");
        return frame;
    }

    /**
     * Reads up to and including the empty line that ends the headers (CRLF or bare LF line ends). The
     * status is not checked, as the official client does not; but a reply that does not say it is a
     * Handle message is refused here with what it is, instead of failing later as a garbled envelope.
     */
    private static void skipHttpHead(Socket s, InputStream in, Deadline deadline) throws IOException {
        StringBuilder head = new StringBuilder(256);
        int lineLength = 0;
        while (true) {
            if (head.length() >= MAX_HTTP_HEAD) {
                throw new IOException("HTTP response head longer than " + MAX_HTTP_HEAD + " octets");
            }
            int c = read(s, in, deadline, "HTTP response head");
            if (head.length() == 0 && c != 'H') {
                throw new IOException("not an HTTP response (first octet 0x" + Integer.toHexString(c) + ")");
            }
            head.append((char) c);
            if (c == '\n') {
                if (lineLength == 0) {
                    break;
                }
                lineLength = 0;
            } else if (c != '\r') {
                lineLength++;
            }
        }
        String h = head.toString().toLowerCase(java.util.Locale.ROOT);
        if (!h.contains("application/x-hdl-message")) {
            String status = head.substring(0, Math.max(0, head.indexOf("\n"))).trim();
            throw new IOException("HTTP reply is not a Handle message (" + status + ", no Content-Type application/x-hdl-message)");
        }
    }

    private static int read(Socket s, InputStream in, Deadline deadline, String what) throws IOException {
        s.setSoTimeout(deadline.millisLeft(what));
        int c = in.read();
        if (c < 0) {
            throw new EOFException("connection closed while reading " + what);
        }
        return c;
    }

    private static void readFully(Socket s, InputStream in, byte[] b, Deadline deadline, String what) throws IOException {
        readFully(s, in, b, 0, b.length, deadline, what);
    }

    private static void readFully(Socket s, InputStream in, byte[] b, int off, int len, Deadline deadline, String what)
            throws IOException {
        int done = 0;
        while (done < len) {
            s.setSoTimeout(deadline.millisLeft(what));
            int n = in.read(b, off + done, len - done);
            if (n < 0) {
                throw new EOFException("connection closed after " + done + " of " + len + " octets of " + what);
            }
            done += n;
        }
    }

    private static String hostHeader(InetSocketAddress a) {
        String h = a.getHostString();
        return (h.indexOf(':') >= 0 ? "[" + h + "]" : h) + ":" + a.getPort();
    }
}
