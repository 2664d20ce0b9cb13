package org.idnode.protocol.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.idnode.protocol.ProtocolException;
import org.idnode.protocol.model.AdminRecord;

/** HS_ADMIN data (§10): {@code int2 permissions, str adminHandle, int4 adminIndex}. */
public final class AdminRecordCodec {
    private AdminRecordCodec() {
    }

    public static AdminRecord decode(byte[] data) {
        ByteBuf in = Unpooled.wrappedBuffer(data);
        int permissions = Wire.int2(in, "HS_ADMIN permissions") & 0xFFFF;
        String handle = Wire.handle(in, "HS_ADMIN handle");
        int index = Wire.int4(in, "HS_ADMIN index");
        // Records written by CNRI <= 7.3 carry two trailing zero octets; accept them (§10).
        if (in.readableBytes() == 2 && in.getShort(in.readerIndex()) == 0) {
            in.skipBytes(2);
        }
        if (in.isReadable()) {
            throw ProtocolException.malformed("HS_ADMIN trailing octets", in.readableBytes(), "0");
        }
        return new AdminRecord(permissions, handle, index);
    }

    public static byte[] encode(AdminRecord admin) {
        ByteBuf out = Unpooled.buffer(10 + Wire.utf8Length(admin.adminHandle()));
        out.writeShort(admin.permissions());
        Wire.writeString(out, admin.adminHandle());
        out.writeInt(admin.adminIndex());
        return Bytes.toArray(out);
    }
}
