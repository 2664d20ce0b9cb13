package org.idnode.protocol.stream;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.idnode.protocol.ProtocolException;
import org.idnode.protocol.codec.Wire;

/**
 * The value of a record on the registration topic, version 1: {@code u8 version (1)},
 * {@code str nodeId}, {@code int8 sequence}, then the {@link RegistrationEventCodec} octets. The key
 * is the handle (UTF-8), so Kafka keeps one handle's changes in order. (nodeId, sequence) names a
 * change once: a consumer that has applied it skips a repeat (a publisher may send again after a
 * crash). A decoder refuses other versions with a {@link ProtocolException}.
 */
public final class StreamRecordCodec {
    public static final int VERSION = 1;
    /** Node ids are short names; a bound keeps a damaged record from claiming more. */
    public static final int MAX_NODE_ID = 255;

    /** One change as a consumer sees it; {@code eventOctets} is the event as encoded ({@link RegistrationEventCodec}). */
    public record StreamRecord(String nodeId, long sequence, RegistrationEvent event, byte[] eventOctets) {
    }

    private StreamRecordCodec() {
    }

    /** {@code eventOctets} as stored in the outbox (already {@link RegistrationEventCodec} form). */
    public static byte[] encode(String nodeId, long sequence, byte[] eventOctets) {
        ByteBuf out = Unpooled.buffer(16 + nodeId.length() + eventOctets.length);
        out.writeByte(VERSION);
        Wire.writeString(out, nodeId);
        out.writeLong(sequence);
        out.writeBytes(eventOctets);
        byte[] b = new byte[out.readableBytes()];
        out.readBytes(b);
        return b;
    }

    public static StreamRecord decode(byte[] value) {
        if (value == null) {
            throw ProtocolException.malformed("stream record", 0, "a value (not a tombstone)");
        }
        ByteBuf in = Unpooled.wrappedBuffer(value);
        int version = Wire.u8(in, "stream record version");
        if (version != VERSION) {
            throw ProtocolException.malformed("stream record version", version, String.valueOf(VERSION));
        }
        String nodeId = Wire.string(in, "stream record node id", MAX_NODE_ID, org.idnode.protocol.ResponseCodes.PROTOCOL_ERROR);
        long sequence = Wire.int8(in, "stream record sequence");
        byte[] event = new byte[in.readableBytes()];
        in.readBytes(event);
        return new StreamRecord(nodeId, sequence, RegistrationEventCodec.decode(event), event);
    }
}
