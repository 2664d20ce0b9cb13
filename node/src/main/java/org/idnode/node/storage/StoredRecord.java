package org.idnode.node.storage;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.List;
import org.idnode.protocol.ProtocolException;
import org.idnode.protocol.codec.Bytes;
import org.idnode.protocol.codec.ValueCodec;
import org.idnode.protocol.model.HandleValue;

/**
 * The stored form of a handle's record, chosen so that an unfiltered resolution is a header plus
 * these bytes (architecture.md, "hot path"):
 * <pre>
 *   u8   format   (1)
 *   u8   flags    (0x01: every value is publicly readable, so no value has to be looked at)
 *   int4 count    \
 *   values        /  exactly the §8.2 response layout after the handle, in wire encoding (§5)
 * </pre>
 */
public final class StoredRecord {
    public static final int FORMAT = 1;
    public static final int ALL_PUBLIC = 0x01;
    /** Offset of the value count: everything from here on is copied into a response as is. */
    public static final int VALUES_OFFSET = 2;

    private StoredRecord() {
    }

    public static byte[] encode(List<HandleValue> values) {
        int size = 6;
        boolean allPublic = true;
        for (HandleValue v : values) {
            allPublic &= v.publicRead();
            size += 32 + v.type().length() * 3 + v.dataLength(); // an upper bound but for references: no regrowth
        }
        ByteBuf out = Unpooled.buffer(size);
        out.writeByte(FORMAT);
        out.writeByte(allPublic ? ALL_PUBLIC : 0);
        ValueCodec.encodeList(values, out);
        return Bytes.toArray(out);
    }

    /**
     * The stored form of a value list already encoded ({@code int4 n} and the values, §5), e.g. in a
     * stream event, copied as it is; {@code values} is that list decoded, for the flags.
     */
    public static byte[] fromValueList(byte[] src, int offset, int length, List<HandleValue> values) {
        boolean allPublic = true;
        for (HandleValue v : values) {
            allPublic &= v.publicRead();
        }
        byte[] out = new byte[VALUES_OFFSET + length];
        out[0] = FORMAT;
        out[1] = (byte) (allPublic ? ALL_PUBLIC : 0);
        System.arraycopy(src, offset, out, VALUES_OFFSET, length);
        return out;
    }

    public static List<HandleValue> decode(byte[] record) {
        ByteBuf in = Unpooled.wrappedBuffer(record);
        checkFormat(in);
        in.skipBytes(VALUES_OFFSET);
        return ValueCodec.decodeList(in, "stored values");
    }

    public static boolean allPublic(byte[] record) {
        return (record[1] & ALL_PUBLIC) != 0;
    }

    static void checkFormat(ByteBuf in) {
        if (in.readableBytes() < VALUES_OFFSET + 4 || in.getByte(in.readerIndex()) != FORMAT) {
            throw ProtocolException.malformed("stored record format", in.readableBytes() > 0 ? in.getByte(0) : -1,
                    String.valueOf(FORMAT));
        }
    }
}
