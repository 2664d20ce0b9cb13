package org.idnode.protocol.codec;

import io.netty.buffer.ByteBuf;
import org.idnode.protocol.ProtocolException;
import org.idnode.protocol.model.Credential;

/** The credential section after the body (handle-protocol.md §9), without its int4 length. */
public final class CredentialCodec {
    private CredentialCodec() {
    }

    public static Credential decode(ByteBuf in) {
        int version = Wire.u8(in, "credential version");
        int reserved = Wire.u8(in, "credential reserved");
        int options = Wire.int2(in, "credential options") & 0xFFFF;
        String signer = Wire.handle(in, "credential signer");
        int signerIndex = Wire.int4(in, "credential signer index");
        String type = Wire.string(in, "credential type", 256, org.idnode.protocol.ResponseCodes.PROTOCOL_ERROR);
        // Bounded by what is left after the length field itself (an argument of in.readableBytes()
        // would be taken before the int4 is read and let a length 1-4 octets too long through).
        int signedInfoLength = Wire.int4(in, "credential signedInfo length");
        if (signedInfoLength < 0 || signedInfoLength > in.readableBytes()) {
            throw ProtocolException.malformed("credential signedInfo length", signedInfoLength, "0.." + in.readableBytes());
        }
        ByteBuf info = in.readSlice(signedInfoLength);
        String alg = Wire.string(info, "credential digest algorithm", 256,
                org.idnode.protocol.ResponseCodes.PROTOCOL_ERROR);
        byte[] signature = Wire.bytes(info, "credential signed data", 65_536);
        if (info.isReadable()) {
            throw ProtocolException.malformed("credential signedInfo trailing octets", info.readableBytes(), "0");
        }
        return new Credential(version, reserved, options, signer, signerIndex, type, alg, signature);
    }

    public static void encode(Credential c, ByteBuf out) {
        out.writeByte(c.version());
        out.writeByte(c.reserved());
        out.writeShort(c.options());
        Wire.writeString(out, c.signerHandle());
        out.writeInt(c.signerIndex());
        Wire.writeString(out, c.type());
        int infoAt = out.writerIndex();
        out.writeInt(0);
        Wire.writeString(out, c.digestAlgorithm());
        Wire.writeBytes(out, c.signature());
        out.setInt(infoAt, out.writerIndex() - infoAt - 4);
    }
}
