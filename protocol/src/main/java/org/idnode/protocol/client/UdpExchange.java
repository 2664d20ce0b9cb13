package org.idnode.protocol.client;

import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.idnode.protocol.Limits;
import org.idnode.protocol.ProtocolException;
import org.idnode.protocol.codec.EnvelopeCodec;
import org.idnode.protocol.model.Envelope;

/**
 * One request over UDP (handle-protocol.md §2). A request longer than 492 octets goes as 492-octet
 * slices, each with the whole envelope, TC set, messageId = slice number; the whole set is resent
 * after each wait of the schedule. Replies are reassembled by messageLength and messageId with TC
 * ignored, because the CNRI server does not set it on split replies. Datagrams of other requests,
 * or that disagree with the first slice seen, are ignored rather than failing the exchange.
 */
final class UdpExchange {
    private static final int MAX_DATAGRAM = 65_535;

    private UdpExchange() {
    }

    /** Returns the reply as envelope + whole message. */
    static byte[] exchange(InetSocketAddress server, byte[] request, int requestId, List<Duration> waits,
                            Deadline deadline) throws IOException {
        if (server.isUnresolved()) {
            throw new java.net.UnknownHostException(server.getHostString());
        }
        List<DatagramPacket> datagrams = slices(request, server);
        Reassembly reply = new Reassembly(requestId);
        byte[] buf = new byte[MAX_DATAGRAM];
        DatagramPacket in = new DatagramPacket(buf, buf.length);
        try (DatagramSocket socket = new DatagramSocket()) {
            for (Duration wait : waits) {
                for (DatagramPacket d : datagrams) {
                    socket.send(d);
                }
                long waitEnd = System.nanoTime() + Math.min(wait.toNanos(), Math.max(0, deadline.nanosLeft()));
                while (true) {
                    long ns = waitEnd - System.nanoTime();
                    if (ns <= 0) {
                        break;
                    }
                    socket.setSoTimeout((int) Math.max(1, ns / 1_000_000));
                    try {
                        in.setLength(buf.length);
                        socket.receive(in);
                    } catch (SocketTimeoutException e) {
                        break;
                    }
                    byte[] whole = reply.offer(buf, in.getLength());
                    if (whole != null) {
                        return whole;
                    }
                }
                if (deadline.nanosLeft() <= 0) {
                    break;
                }
            }
        }
        throw new SocketTimeoutException("no reply from " + server + " over UDP after " + waits.size()
                + " sends within " + deadline.total().toMillis() + " ms"
                + (reply.received() > 0 ? " (" + reply.received() + " of " + reply.expected() + " slices arrived)" : ""));
    }

    /** The request as datagrams: itself when it fits one, else 492-octet slices with TC set (§2). */
    static List<DatagramPacket> slices(byte[] request, InetSocketAddress to) {
        int message = request.length - Limits.ENVELOPE_SIZE;
        if (message <= Limits.UDP_SLICE_SIZE) {
            return List.of(new DatagramPacket(request, request.length, to));
        }
        int n = (message + Limits.UDP_SLICE_SIZE - 1) / Limits.UDP_SLICE_SIZE;
        List<DatagramPacket> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int len = Math.min(Limits.UDP_SLICE_SIZE, message - i * Limits.UDP_SLICE_SIZE);
            byte[] d = new byte[Limits.ENVELOPE_SIZE + len];
            System.arraycopy(request, 0, d, 0, Limits.ENVELOPE_SIZE);
            d[2] |= Envelope.TRUNCATED;
            putInt(d, 12, i);
            System.arraycopy(request, Limits.ENVELOPE_SIZE + i * Limits.UDP_SLICE_SIZE, d, Limits.ENVELOPE_SIZE, len);
            out.add(new DatagramPacket(d, d.length, to));
        }
        return out;
    }

    private static void putInt(byte[] b, int at, int v) {
        b[at] = (byte) (v >>> 24);
        b[at + 1] = (byte) (v >>> 16);
        b[at + 2] = (byte) (v >>> 8);
        b[at + 3] = (byte) v;
    }

    /** Slices of one reply, placed at {@code messageId * 492}; whole when every slice has arrived. */
    static final class Reassembly {
        private final int requestId;
        private byte[] frame;
        private boolean[] got;
        private int received;

        Reassembly(int requestId) {
            this.requestId = requestId;
        }

        /** Takes one datagram; returns envelope + whole message once complete, else null. */
        byte[] offer(byte[] d, int length) {
            if (length < Limits.ENVELOPE_SIZE) {
                return null;
            }
            Envelope e;
            try {
                e = EnvelopeCodec.decode(Unpooled.wrappedBuffer(d, 0, length));
            } catch (ProtocolException ex) {
                return null;
            }
            if (e.requestId() != requestId) {
                return null;
            }
            int payload = length - Limits.ENVELOPE_SIZE;
            int total = e.messageLength();
            if (e.messageId() == 0 && payload == total) {
                // The whole message in one datagram, whatever its size.
                byte[] whole = new byte[length];
                System.arraycopy(d, 0, whole, 0, length);
                return whole;
            }
            int slices = (total + Limits.UDP_SLICE_SIZE - 1) / Limits.UDP_SLICE_SIZE;
            if (frame == null) {
                frame = new byte[Limits.ENVELOPE_SIZE + total];
                System.arraycopy(d, 0, frame, 0, Limits.ENVELOPE_SIZE);
                got = new boolean[slices];
            }
            int id = e.messageId();
            int expectedPayload = id < slices ? Math.min(Limits.UDP_SLICE_SIZE, total - id * Limits.UDP_SLICE_SIZE) : -1;
            if (frame.length != Limits.ENVELOPE_SIZE + total || payload != expectedPayload) {
                return null;
            }
            if (!got[id]) {
                System.arraycopy(d, Limits.ENVELOPE_SIZE, frame, Limits.ENVELOPE_SIZE + id * Limits.UDP_SLICE_SIZE, payload);
                got[id] = true;
                received++;
            }
            if (received < slices) {
                return null;
            }
            // The reassembled envelope describes the whole message: slice 0's id, no TC.
            putInt(frame, 12, 0);
            frame[2] &= ~Envelope.TRUNCATED;
            return frame;
        }

        int received() {
            return received;
        }

        int expected() {
            return got == null ? 0 : got.length;
        }
    }
}
