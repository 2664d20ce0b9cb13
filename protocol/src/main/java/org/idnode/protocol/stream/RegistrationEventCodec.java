package org.idnode.protocol.stream;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.List;
import org.idnode.protocol.ProtocolException;
import org.idnode.protocol.codec.ValueCodec;
import org.idnode.protocol.codec.Wire;
import org.idnode.protocol.model.HandleValue;

/**
 * The outbox/stream form of a {@link RegistrationEvent}, version 1, in the wire encodings of the
 * Handle protocol (handle-protocol.md §5): {@code u8 version (1)}, {@code u8 operation},
 * {@code int8 timeMillis}, {@code str handle}, {@code str identity}, {@code int4 n} + n values (§5
 * value layout; 0 for a tombstone). A decoder refuses any other version with a
 * {@link ProtocolException} instead of guessing. protocol/STREAM.md is the schema.
 */
public final class RegistrationEventCodec {
    public static final int VERSION = 1;

    private RegistrationEventCodec() {
    }

    public static byte[] encode(RegistrationEvent e) {
        int size = 32 + e.handle().length() * 3 + e.identity().length() * 3;
        for (HandleValue v : e.values()) {
            size += 32 + v.type().length() * 3 + v.dataLength();
        }
        ByteBuf out = Unpooled.buffer(size); // sized once: the encoding never regrows
        out.writeByte(VERSION);
        out.writeByte(e.operation().code());
        out.writeLong(e.timeMillis());
        Wire.writeString(out, e.handle());
        Wire.writeString(out, e.identity());
        ValueCodec.encodeList(e.values(), out);
        byte[] b = new byte[out.readableBytes()];
        out.readBytes(b);
        return b;
    }

    /**
     * {@link #encode} of an event whose value list is already encoded ({@code int4 n} and the values,
     * §5), e.g. in a stored record: the values are copied, not encoded a second time.
     */
    public static byte[] encode(RegistrationEvent.Operation op, String handle, long timeMillis, String identity,
                                byte[] valueList, int offset, int length) {
        ByteBuf out = Unpooled.buffer(32 + handle.length() * 3 + identity.length() * 3 + length);
        out.writeByte(VERSION);
        out.writeByte(op.code());
        out.writeLong(timeMillis);
        Wire.writeString(out, handle);
        Wire.writeString(out, identity);
        out.writeBytes(valueList, offset, length);
        byte[] b = new byte[out.readableBytes()];
        out.readBytes(b);
        return b;
    }

    /**
     * Where the value list ({@code int4 n} and the values) starts in an event that {@link #decode}
     * accepted: after the fixed fields and the two strings.
     */
    public static int valuesOffset(byte[] event) {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(event);
        int afterHandle = 14 + b.getInt(10);
        return afterHandle + 4 + b.getInt(afterHandle);
    }

    /** Prefix of the topic key of prefix events: apart from the key of the prefix handle's own record. */
    public static final String PREFIX_KEY_PREFIX = "prefix:";

    /**
     * The topic key of an encoded event (protocol/STREAM.md, "Key"): the handle for a record change,
     * {@code prefix:} and the prefix handle for a prefix homed or unhomed, so that compaction keeps
     * the latest change of each record and the latest state of each prefix. Read from the fixed
     * layout without decoding the values; an event too short for it gets the empty key.
     */
    public static byte[] topicKey(byte[] event) {
        if (event.length < 14) {
            return new byte[0];
        }
        int n = java.nio.ByteBuffer.wrap(event, 10, 4).getInt();
        if (n < 0 || 14 + n > event.length) {
            return new byte[0];
        }
        int op = event[1];
        boolean prefix = op == RegistrationEvent.Operation.HOME_PREFIX.code() || op == RegistrationEvent.Operation.UNHOME_PREFIX.code();
        int start = prefix ? PREFIX_KEY_PREFIX.length() : 0;
        byte[] key = new byte[start + n];
        if (prefix) {
            System.arraycopy(PREFIX_KEY_PREFIX.getBytes(java.nio.charset.StandardCharsets.US_ASCII), 0, key, 0, start);
        }
        System.arraycopy(event, 14, key, start, n);
        return key;
    }

    public static RegistrationEvent decode(byte[] bytes) {
        ByteBuf in = Unpooled.wrappedBuffer(bytes);
        int version = Wire.u8(in, "event version");
        if (version != VERSION) {
            throw ProtocolException.malformed("event version", version, String.valueOf(VERSION));
        }
        int code = Wire.u8(in, "event operation");
        RegistrationEvent.Operation op = RegistrationEvent.Operation.of(code);
        if (op == null) {
            throw ProtocolException.malformed("event operation", code, "1..4");
        }
        long time = Wire.int8(in, "event time");
        String handle = Wire.handle(in, "event handle");
        String identity = Wire.string(in, "event identity");
        List<HandleValue> values = ValueCodec.decodeList(in, "event values");
        if (in.isReadable()) {
            throw ProtocolException.malformed("event octets after the values", in.readableBytes(), "0");
        }
        return new RegistrationEvent(op, handle, values, time, identity);
    }
}
