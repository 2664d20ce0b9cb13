package org.idnode.protocol.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;
import org.idnode.protocol.Limits;
import org.idnode.protocol.ProtocolException;
import org.idnode.protocol.model.ValueList;
import org.idnode.protocol.model.ValueReference;

/** HS_VLIST data (§10): {@code int4 n}, n x ({@code str handle}, {@code int4 index}). */
public final class ValueListCodec {
    private ValueListCodec() {
    }

    public static ValueList decode(byte[] data) {
        ByteBuf in = Unpooled.wrappedBuffer(data);
        int n = Wire.count(in, "HS_VLIST members", Limits.MAX_VALUES, 8);
        List<ValueReference> members = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String h = Wire.handle(in, "HS_VLIST handle");
            members.add(new ValueReference(h, Wire.int4(in, "HS_VLIST index")));
        }
        if (in.isReadable()) {
            throw ProtocolException.malformed("HS_VLIST trailing octets", in.readableBytes(), "0");
        }
        return new ValueList(members);
    }

    public static byte[] encode(ValueList list) {
        ByteBuf out = Unpooled.buffer();
        out.writeInt(list.members().size());
        for (ValueReference r : list.members()) {
            Wire.writeString(out, r.handle());
            out.writeInt(r.index());
        }
        return Bytes.toArray(out);
    }
}
