package org.idnode.protocol.codec;

import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;
import org.idnode.protocol.Limits;
import org.idnode.protocol.ProtocolException;
import org.idnode.protocol.model.HandleValue;
import org.idnode.protocol.model.ValueReference;

/** The handle value encoding of handle-protocol.md §5; also the form values are stored in. */
public final class ValueCodec {
    /** index, timestamp, ttlType, ttl, permissions: the type string starts at this offset. */
    public static final int FIXED_PART = 14;
    /** Fixed part + empty type + empty data + zero references. */
    public static final int MIN_SIZE = FIXED_PART + 4 + 4 + 4;

    private ValueCodec() {
    }

    public static HandleValue decode(ByteBuf in) {
        int index = Wire.int4(in, "value index");
        int timestamp = Wire.int4(in, "value timestamp");
        int ttlType = Wire.u8(in, "value ttlType");
        int ttl = Wire.int4(in, "value ttl");
        int permissions = Wire.u8(in, "value permissions");
        String type = Wire.string(in, "value type");
        byte[] data = Wire.bytes(in, "value data");
        int refCount = Wire.count(in, "value references", Limits.MAX_VALUES, 8);
        List<ValueReference> refs = refCount == 0 ? List.of() : new ArrayList<>(refCount);
        for (int i = 0; i < refCount; i++) {
            String h = Wire.handle(in, "reference handle");
            refs.add(new ValueReference(h, Wire.int4(in, "reference index")));
        }
        return new HandleValue(index, timestamp, ttlType, ttl, permissions, type, data, refs);
    }

    public static void encode(HandleValue v, ByteBuf out) {
        out.writeInt(v.index());
        out.writeInt(v.timestamp());
        out.writeByte(v.ttlType());
        out.writeInt(v.ttl());
        out.writeByte(v.permissions());
        Wire.writeString(out, v.type());
        Wire.writeBytes(out, v.data());
        out.writeInt(v.references().size());
        for (ValueReference r : v.references()) {
            Wire.writeString(out, r.handle());
            out.writeInt(r.index());
        }
    }

    /** {@code int4 n} then n values, with n bounded by {@link Limits#MAX_VALUES}. */
    public static List<HandleValue> decodeList(ByteBuf in, String field) {
        int n = Wire.count(in, field, Limits.MAX_VALUES, MIN_SIZE);
        List<HandleValue> values = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            values.add(decode(in));
        }
        return values;
    }

    public static void encodeList(List<HandleValue> values, ByteBuf out) {
        out.writeInt(values.size());
        for (HandleValue v : values) {
            encode(v, out);
        }
    }

    /**
     * Length of the encoded value starting at {@code offset}, read without building it; used to
     * walk stored records on the hot path. Throws if the octets do not hold a whole value.
     */
    public static int encodedLength(ByteBuf buf, int offset, int limit) {
        int p = offset + FIXED_PART;
        p = skipSized(buf, p, limit, "value type");
        p = skipSized(buf, p, limit, "value data");
        int refs = readIntAt(buf, p, limit, "value references");
        p += 4;
        if (refs < 0 || refs > Limits.MAX_VALUES) {
            throw ProtocolException.malformed("value references", refs, "0.." + Limits.MAX_VALUES);
        }
        for (int i = 0; i < refs; i++) {
            p = skipSized(buf, p, limit, "reference handle") + 4;
        }
        if (p > limit) {
            throw ProtocolException.malformed("value", p - offset, "at most " + (limit - offset) + " octets");
        }
        return p - offset;
    }

    private static int readIntAt(ByteBuf buf, int p, int limit, String field) {
        if (p + 4 > limit) {
            throw ProtocolException.malformed(field, limit - p, "4 octets");
        }
        return buf.getInt(p);
    }

    private static int skipSized(ByteBuf buf, int p, int limit, String field) {
        int n = readIntAt(buf, p, limit, field + " length");
        if (n < 0 || n > limit - p - 4) {
            throw ProtocolException.malformed(field + " length", n, "0.." + (limit - p - 4));
        }
        return p + 4 + n;
    }
}
