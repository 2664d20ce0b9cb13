package org.idnode.protocol.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;
import org.idnode.protocol.ProtocolException;
import org.idnode.protocol.model.SiteInfo;

/** HS_SITE data (§11). The decoder rejects trailing octets, as CNRI's does. */
public final class SiteInfoCodec {
    private static final int MAX_ITEMS = 1024;

    private SiteInfoCodec() {
    }

    public static SiteInfo decode(byte[] data) {
        ByteBuf in = Unpooled.wrappedBuffer(data);
        SiteInfo site = decode(in);
        if (in.isReadable()) {
            throw ProtocolException.malformed("HS_SITE trailing octets", in.readableBytes(), "0");
        }
        return site;
    }

    public static SiteInfo decode(ByteBuf in) {
        int format = Wire.int2(in, "site dataFormatVersion") & 0xFFFF;
        int major = Wire.u8(in, "site protocolMajor");
        int minor = Wire.u8(in, "site protocolMinor");
        int serial = Wire.int2(in, "site serialNumber") & 0xFFFF;
        int mask = Wire.u8(in, "site primaryMask");
        int hashOption = Wire.u8(in, "site hashOption");
        byte[] hashFilter = Wire.bytes(in, "site hashFilter", 65_536);
        int nAttr = Wire.count(in, "site attributes", MAX_ITEMS, 8);
        List<SiteInfo.Attribute> attributes = new ArrayList<>(nAttr);
        for (int i = 0; i < nAttr; i++) {
            String name = Wire.string(in, "site attribute name");
            attributes.add(new SiteInfo.Attribute(name, Wire.string(in, "site attribute value")));
        }
        int nServers = Wire.count(in, "site servers", MAX_ITEMS, 28);
        List<SiteInfo.ServerInfo> servers = new ArrayList<>(nServers);
        for (int i = 0; i < nServers; i++) {
            int id = Wire.int4(in, "server id");
            if (in.readableBytes() < 16) {
                throw ProtocolException.malformed("server address", in.readableBytes(), "16 octets");
            }
            byte[] address = new byte[16];
            in.readBytes(address);
            byte[] key = Wire.bytes(in, "server publicKey", 65_536);
            int nIf = Wire.count(in, "server interfaces", MAX_ITEMS, 6);
            List<SiteInfo.ServerInterface> interfaces = new ArrayList<>(nIf);
            for (int j = 0; j < nIf; j++) {
                int type = in.readUnsignedByte();
                int protocol = in.readUnsignedByte();
                interfaces.add(new SiteInfo.ServerInterface(type, protocol, Wire.int4(in, "interface port")));
            }
            servers.add(new SiteInfo.ServerInfo(id, address, key, interfaces));
        }
        return new SiteInfo(format, major, minor, serial, mask, hashOption, hashFilter, attributes, servers);
    }

    public static byte[] encode(SiteInfo site) {
        ByteBuf out = Unpooled.buffer();
        encode(site, out);
        return Bytes.toArray(out);
    }

    public static void encode(SiteInfo site, ByteBuf out) {
        out.writeShort(site.dataFormatVersion());
        out.writeByte(site.protocolMajor());
        out.writeByte(site.protocolMinor());
        out.writeShort(site.serialNumber());
        out.writeByte(site.primaryMask());
        out.writeByte(site.hashOption());
        Wire.writeBytes(out, site.hashFilter());
        out.writeInt(site.attributes().size());
        for (SiteInfo.Attribute a : site.attributes()) {
            Wire.writeString(out, a.name());
            Wire.writeString(out, a.value());
        }
        out.writeInt(site.servers().size());
        for (SiteInfo.ServerInfo s : site.servers()) {
            out.writeInt(s.serverId());
            out.writeBytes(s.address());
            Wire.writeBytes(out, s.publicKey());
            out.writeInt(s.interfaces().size());
            for (SiteInfo.ServerInterface i : s.interfaces()) {
                out.writeByte(i.type());
                out.writeByte(i.protocol());
                out.writeInt(i.port());
            }
        }
    }
}
