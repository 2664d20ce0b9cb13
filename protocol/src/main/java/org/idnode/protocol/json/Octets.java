package org.idnode.protocol.json;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Octets ↔ text for the {@code string}, {@code base64}, {@code hex} and {@code key} formats (§18). */
final class Octets {
    private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();
    private static final ThreadLocal<CharsetDecoder> UTF8 = ThreadLocal.withInitial(() -> StandardCharsets.UTF_8
            .newDecoder().onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT));

    private Octets() {
    }

    /**
     * §18: text is valid UTF-8 with no octet below 0x20 other than 0x09–0x13, and no 0x7F (the
     * reference's looksLikeBinary, whose whitespace range really is 0x09..0x13). Null when binary.
     */
    static String asText(byte[] data) {
        boolean ascii = true;
        for (byte b : data) {
            if (b >= 0 && b < 0x20 && (b < 0x09 || b > 0x13) || b == 0x7F) {
                return null;
            }
            ascii &= b >= 0;
        }
        if (ascii) {
            return new String(data, StandardCharsets.ISO_8859_1);
        }
        try {
            return UTF8.get().reset().decode(ByteBuffer.wrap(data)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /** JWK style (§18 key): base64url without padding. */
    static String base64Url(byte[] b) {
        return URL.encodeToString(b);
    }

    /**
     * Either alphabet, padding optional, ASCII whitespace skipped (wrapped import files) — the
     * reference decoder is at least this lenient. Anything else is refused rather than dropped.
     */
    static byte[] base64(String s, String path, int maxOctets) {
        StringBuilder sb = new StringBuilder(s.length() + 3);
        int end = s.length();
        while (end > 0 && (s.charAt(end - 1) == '=' || isSpace(s.charAt(end - 1)))) {
            end--;
        }
        for (int i = 0; i < end; i++) {
            char c = s.charAt(i);
            if (isSpace(c)) {
                continue;
            }
            if (c == '-') {
                c = '+';
            } else if (c == '_') {
                c = '/';
            } else if (!(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '+'
                    || c == '/')) {
                throw InvalidJsonException.invalid(path, "character '" + c + "' at " + i, "base64 text");
            }
            sb.append(c);
        }
        if (sb.length() % 4 == 1) {
            throw InvalidJsonException.invalid(path, sb.length() + " base64 digits", "a length that is not 1 modulo 4");
        }
        if ((long) sb.length() * 3 / 4 > maxOctets) {
            throw InvalidJsonException.invalid(path, "about " + (long) sb.length() * 3 / 4 + " octets",
                    "at most " + maxOctets);
        }
        while (sb.length() % 4 != 0) {
            sb.append('=');
        }
        try {
            return Base64.getDecoder().decode(sb.toString());
        } catch (IllegalArgumentException e) {
            throw InvalidJsonException.invalid(path, JsonTree.quote(s), "base64 text");
        }
    }

    static byte[] hex(String s, String path, int maxOctets) {
        if (s.length() % 2 != 0) {
            throw InvalidJsonException.invalid(path, s.length() + " hex digits", "an even number");
        }
        if (s.length() / 2 > maxOctets) {
            throw InvalidJsonException.invalid(path, s.length() / 2 + " octets", "at most " + maxOctets);
        }
        byte[] b = new byte[s.length() / 2];
        for (int i = 0; i < b.length; i++) {
            int hi = digit(s.charAt(2 * i));
            int lo = digit(s.charAt(2 * i + 1));
            if (hi < 0 || lo < 0) {
                throw InvalidJsonException.invalid(path, "character '" + s.charAt(hi < 0 ? 2 * i : 2 * i + 1) + "' at "
                        + (hi < 0 ? 2 * i : 2 * i + 1), "hex digits 0-9, a-f");
            }
            b[i] = (byte) (hi << 4 | lo);
        }
        return b;
    }

    private static int digit(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\n' || c == '\r' || c == '\t';
    }
}
