package org.idnode.node.importer;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Value data given as text in one of the §18 input formats: {@code string}, {@code base64}, {@code hex}. */
final class DataText {
    private DataText() {
    }

    /** {@link #utf8(String, String)} for {@code values[i].data}, naming the field only on failure. */
    static byte[] utf8(String s, int valueIndex) throws LineError {
        for (int i = 0; i < s.length(); i++) {
            if (Character.isSurrogate(s.charAt(i))) {
                return utf8(s, "values[" + valueIndex + "].data");
            }
        }
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** UTF-8 of the text; a lone surrogate (possible through a {@code \ud800} escape) is refused, not turned into '?'. */
    static byte[] utf8(String s, String field) throws LineError {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                    i++;
                } else {
                    throw LineError.invalid(field, Show.quoted(s), "valid Unicode text (lone surrogate at " + i + ")");
                }
            }
        }
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Standard or URL alphabet, padding optional, whitespace allowed (wrapped exports). */
    static byte[] base64(String s, String field) throws LineError {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == ' ' || c == '\n' || c == '\r' || c == '\t') {
                continue;
            }
            sb.append(c == '-' ? '+' : c == '_' ? '/' : c);
        }
        try {
            return Base64.getDecoder().decode(sb.toString());
        } catch (IllegalArgumentException e) {
            throw LineError.invalid(field, Show.quoted(s), "base64 text");
        }
    }

    static byte[] hex(String s, String field) throws LineError {
        if (s.length() % 2 != 0) {
            throw LineError.invalid(field, s.length() + " hex digits", "an even number");
        }
        byte[] b = new byte[s.length() / 2];
        for (int i = 0; i < b.length; i++) {
            int hi = Character.digit(s.charAt(2 * i), 16);
            int lo = Character.digit(s.charAt(2 * i + 1), 16);
            if (hi < 0 || lo < 0 || s.charAt(2 * i) > 'f' || s.charAt(2 * i + 1) > 'f') {
                throw LineError.invalid(field, Show.quoted(s), "hex digits 0-9, a-f");
            }
            b[i] = (byte) (hi << 4 | lo);
        }
        return b;
    }
}
