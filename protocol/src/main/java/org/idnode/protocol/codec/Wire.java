package org.idnode.protocol.codec;

import io.netty.buffer.ByteBuf;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.idnode.protocol.Limits;
import org.idnode.protocol.ProtocolException;
import org.idnode.protocol.ResponseCodes;

/**
 * The common encodings of handle-protocol.md §1: big-endian integers, {@code int4}-length strings and
 * octet strings. Every read checks that the octets are there first, so a short or lying message
 * becomes a {@link ProtocolException}, never an IndexOutOfBounds.
 */
public final class Wire {
    private static final ThreadLocal<CharsetDecoder> UTF8 = ThreadLocal.withInitial(() -> StandardCharsets.UTF_8
            .newDecoder().onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT));

    private Wire() {
    }

    private static void need(ByteBuf in, int octets, String field) {
        if (in.readableBytes() < octets) {
            throw ProtocolException.malformed(field, in.readableBytes(), octets + " more octets");
        }
    }

    public static int u8(ByteBuf in, String field) {
        need(in, 1, field);
        return in.readUnsignedByte();
    }

    public static int int2(ByteBuf in, String field) {
        need(in, 2, field);
        return in.readShort();
    }

    public static int int4(ByteBuf in, String field) {
        need(in, 4, field);
        return in.readInt();
    }

    public static long int8(ByteBuf in, String field) {
        need(in, 8, field);
        return in.readLong();
    }

    /** Reads an {@code int4} length and checks it against {@code max} and what is left. */
    public static int length(ByteBuf in, String field, int max) {
        int n = int4(in, field + " length");
        if (n < 0 || n > max) {
            throw ProtocolException.malformed(field + " length", n, "0.." + max);
        }
        return n;
    }

    /** An array count: each element takes at least {@code minElementSize} octets, so a count can't outrun the input. */
    public static int count(ByteBuf in, String field, int max, int minElementSize) {
        int n = length(in, field, max);
        if ((long) n * minElementSize > in.readableBytes()) {
            throw ProtocolException.malformed(field, n, "at most " + in.readableBytes() / Math.max(1, minElementSize)
                    + " elements in the octets left");
        }
        return n;
    }

    public static byte[] bytes(ByteBuf in, String field) {
        return bytes(in, field, Limits.MAX_ARRAY_SIZE);
    }

    public static byte[] bytes(ByteBuf in, String field, int max) {
        int n = length(in, field, max);
        need(in, n, field);
        byte[] b = new byte[n];
        in.readBytes(b);
        return b;
    }

    public static String string(ByteBuf in, String field) {
        return string(in, field, Limits.MAX_ARRAY_SIZE, ResponseCodes.PROTOCOL_ERROR);
    }

    /** A handle string: bounded at 2048 octets, and bad UTF-8 is RC_INVALID_HANDLE (§7). */
    public static String handle(ByteBuf in, String field) {
        return string(in, field, Limits.MAX_HANDLE_LENGTH, ResponseCodes.INVALID_HANDLE);
    }

    public static String string(ByteBuf in, String field, int max, int rcOnBadUtf8) {
        int n = length(in, field, max);
        need(in, n, field);
        String s = utf8(in, in.readerIndex(), n, field, rcOnBadUtf8);
        in.skipBytes(n);
        return s;
    }

    private static final io.netty.util.ByteProcessor ASCII = b -> b >= 0;

    /** Strict UTF-8, with a fast path for ASCII (most handles are). */
    static String utf8(ByteBuf in, int from, int n, String field, int rcOnBadUtf8) {
        // One bounds check for the whole run, not one per octet as getByte would make.
        boolean ascii = n == 0 || in.forEachByte(from, n, ASCII) < 0;
        if (ascii) {
            return in.toString(from, n, StandardCharsets.ISO_8859_1);
        }
        byte[] b = new byte[n];
        in.getBytes(from, b);
        try {
            CharBuffer chars = UTF8.get().reset().decode(ByteBuffer.wrap(b));
            return chars.toString();
        } catch (CharacterCodingException e) {
            throw new ProtocolException(rcOnBadUtf8, field + ": not valid UTF-8");
        }
    }

    public static int[] intArray(ByteBuf in, String field, int max) {
        int n = count(in, field, max, 4);
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = in.readInt();
        }
        return a;
    }

    public static void writeBytes(ByteBuf out, byte[] b) {
        out.writeInt(b.length);
        out.writeBytes(b);
    }

    public static void writeString(ByteBuf out, String s) {
        if (s == null || s.isEmpty()) {
            out.writeInt(0);
            return;
        }
        int lengthAt = out.writerIndex();
        out.writeInt(0);
        int n = out.writeCharSequence(s, StandardCharsets.UTF_8);
        out.setInt(lengthAt, n);
    }

    public static int stringSize(String s) {
        return 4 + (s == null ? 0 : utf8Length(s));
    }

    public static int utf8Length(String s) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                n++;
            } else if (c < 0x800) {
                n += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                n += 4;
                i++;
            } else {
                n += 3;
            }
        }
        return n;
    }

    public static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
