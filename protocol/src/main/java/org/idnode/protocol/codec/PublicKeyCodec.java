package org.idnode.protocol.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.math.BigInteger;
import org.idnode.protocol.ProtocolException;
import org.idnode.protocol.model.PublicKeyData;

/**
 * HS_PUBKEY data (§10): {@code str keyType}, {@code int2 reserved}, then integers as {@code bytes}
 * in Java BigInteger (two's complement, sign octet) form.
 *
 * <p>[CNRI] {@code RSA_PUB_KEY} is followed by 4 zero octets: CNRI sizes the buffer for four int4
 * lengths but writes three (the same kind of slip as the session setup's 2 stray octets, §20.7).
 * Every CNRI RSA key carries them (vectors {@code resolution-response-multi}, {@code test-rsa-key.json}),
 * so the encoder writes them and the decoder accepts the key with or without them.
 */
public final class PublicKeyCodec {
    private static final int RSA_PADDING = 4;

    private PublicKeyCodec() {
    }

    public static PublicKeyData decode(byte[] data) {
        ByteBuf in = Unpooled.wrappedBuffer(data);
        PublicKeyData key = decode(in);
        if (in.isReadable()) {
            throw ProtocolException.malformed("HS_PUBKEY trailing octets", in.readableBytes(), "0");
        }
        return key;
    }

    public static PublicKeyData decode(ByteBuf in) {
        String type = Wire.string(in, "HS_PUBKEY type");
        Wire.int2(in, "HS_PUBKEY reserved");
        return switch (type) {
            case PublicKeyData.RSA -> {
                PublicKeyData.Rsa rsa = new PublicKeyData.Rsa(integer(in, "RSA e"), integer(in, "RSA n"));
                if (in.readableBytes() >= RSA_PADDING && in.getInt(in.readerIndex()) == 0) {
                    in.skipBytes(RSA_PADDING);
                }
                yield rsa;
            }
            case PublicKeyData.DSA -> new PublicKeyData.Dsa(integer(in, "DSA q"), integer(in, "DSA p"),
                    integer(in, "DSA g"), integer(in, "DSA y"));
            case PublicKeyData.DH -> new PublicKeyData.Dh(integer(in, "DH y"), integer(in, "DH p"), integer(in, "DH g"));
            default -> throw ProtocolException.malformed("HS_PUBKEY type: " + type
                    + " (expected: RSA_PUB_KEY, DSA_PUB_KEY or DH_PUB_KEY)");
        };
    }

    private static BigInteger integer(ByteBuf in, String field) {
        byte[] b = Wire.bytes(in, field, 16_384);
        if (b.length == 0) {
            throw ProtocolException.malformed(field, 0, "a non-empty integer");
        }
        return new BigInteger(b);
    }

    public static byte[] encode(PublicKeyData key) {
        ByteBuf out = Unpooled.buffer();
        encode(key, out);
        return Bytes.toArray(out);
    }

    public static void encode(PublicKeyData key, ByteBuf out) {
        Wire.writeString(out, key.keyType());
        out.writeShort(0);
        if (key instanceof PublicKeyData.Rsa r) {
            Wire.writeBytes(out, r.exponent().toByteArray());
            Wire.writeBytes(out, r.modulus().toByteArray());
            out.writeZero(RSA_PADDING);
        } else if (key instanceof PublicKeyData.Dsa d) {
            Wire.writeBytes(out, d.q().toByteArray());
            Wire.writeBytes(out, d.p().toByteArray());
            Wire.writeBytes(out, d.g().toByteArray());
            Wire.writeBytes(out, d.y().toByteArray());
        } else if (key instanceof PublicKeyData.Dh h) {
            Wire.writeBytes(out, h.y().toByteArray());
            Wire.writeBytes(out, h.p().toByteArray());
            Wire.writeBytes(out, h.g().toByteArray());
        }
    }
}
