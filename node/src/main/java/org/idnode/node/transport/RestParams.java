package org.idnode.node.transport;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reading REST query parameters and paths (handle-protocol.md §18), each failure an IllegalArgumentException naming it. */
final class RestParams {
    /** Bound on repeated parameters (index, type): what one request may make the node compare. */
    static final int MAX_REPEATS = 256;

    private RestParams() {
    }

    /** §18: a boolean is true when present without value, {@code true} or {@code yes}; absent = {@code absent}. */
    static boolean flag(Map<String, List<String>> params, String name, boolean absent) {
        List<String> v = params.get(name);
        if (v == null) {
            return absent;
        }
        String s = v.isEmpty() ? "" : v.get(0);
        return s.isEmpty() || s.equalsIgnoreCase("true") || s.equalsIgnoreCase("yes");
    }

    static boolean flag(Map<String, List<String>> params, String name) {
        return flag(params, name, false);
    }

    static int[] indexes(List<String> raw) {
        if (raw.size() > MAX_REPEATS) {
            throw new IllegalArgumentException("index: " + raw.size() + " entries (expected: at most " + MAX_REPEATS + ")");
        }
        int[] out = new int[raw.size()];
        for (int i = 0; i < out.length; i++) {
            try {
                out[i] = Integer.parseInt(raw.get(i).trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("index: " + raw.get(i) + " (expected: an integer)");
            }
        }
        return out;
    }

    static List<Integer> indexList(List<String> raw) {
        List<Integer> out = new ArrayList<>();
        for (int i : indexes(raw)) {
            out.add(i);
        }
        return out;
    }

    /** A non-negative integer parameter, {@code absent} when not given, at most {@code max}. */
    static int number(Map<String, List<String>> params, String name, int absent, int max) {
        List<String> v = params.get(name);
        if (v == null || v.isEmpty() || v.get(0).isEmpty()) {
            return absent;
        }
        try {
            int n = Integer.parseInt(v.get(0).trim());
            if (n >= 0 && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // the message below
        }
        throw new IllegalArgumentException(name + ": " + v.get(0) + " (expected: an integer 0.." + max + ")");
    }

    /** Percent-decoding that keeps '+' and refuses broken escapes and bad UTF-8. */
    static String decodePath(String raw) {
        byte[] in = raw.getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[in.length];
        int n = 0;
        for (int i = 0; i < in.length; i++) {
            if (in[i] != '%') {
                out[n++] = in[i];
                continue;
            }
            if (i + 2 >= in.length) {
                throw new IllegalArgumentException("handle: truncated percent escape at offset " + i);
            }
            int hi = Character.digit(in[i + 1], 16);
            int lo = Character.digit(in[i + 2], 16);
            if (hi < 0 || lo < 0) {
                throw new IllegalArgumentException("handle: bad percent escape at offset " + i);
            }
            out[n++] = (byte) (hi << 4 | lo);
            i += 2;
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(out, 0, n)).toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("handle: not valid UTF-8 after percent-decoding");
        }
    }
}
