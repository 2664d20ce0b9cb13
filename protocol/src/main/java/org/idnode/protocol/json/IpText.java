package org.idnode.protocol.json;

import java.util.ArrayList;
import java.util.List;

/**
 * The {@code address} of a server in site JSON (§11, §18): the 16 address octets as text.
 * Written the way the reference prints them, parsed without ever touching DNS.
 */
final class IpText {
    private static final String EXPECTED = "an IPv4 or IPv6 address literal (host names are not resolved)";

    private IpText() {
    }

    /**
     * §11: 12 zero octets then 4 is IPv4 (dotted quad). Anything else is printed as eight hex groups
     * with the longest run of two or more zero groups shortened to {@code ::} — but, like the reference
     * printer, a run that reaches the last group is never shortened ({@code fe80:0:0:0:0:0:0:0}).
     */
    static String format(byte[] a) {
        boolean v4 = true;
        for (int i = 0; i < 12; i++) {
            v4 &= a[i] == 0;
        }
        if (v4) {
            return (a[12] & 0xFF) + "." + (a[13] & 0xFF) + "." + (a[14] & 0xFF) + "." + (a[15] & 0xFF);
        }
        int[] g = new int[8];
        for (int i = 0; i < 8; i++) {
            g[i] = (a[2 * i] & 0xFF) << 8 | a[2 * i + 1] & 0xFF;
        }
        int bestStart = -1;
        int bestLen = 1;
        for (int i = 0; i < 8;) {
            if (g[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && g[j] == 0) {
                j++;
            }
            if (j < 8 && j - i > bestLen) {
                bestStart = i;
                bestLen = j - i;
            }
            i = j;
        }
        StringBuilder sb = new StringBuilder(39);
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append(i == 0 ? "::" : ":");
                i += bestLen - 1;
                continue;
            }
            sb.append(Integer.toHexString(g[i]));
            if (i < 7) {
                sb.append(':');
            }
        }
        return sb.toString();
    }

    /**
     * Dotted quad → 12 zero octets + 4 (the §11 IPv4 form). IPv6 text (with {@code ::} and an optional
     * dotted tail) → its 16 octets as written; {@code ::ffff:a.b.c.d} is kept as given so that
     * JSON → octets → JSON is the identity.
     */
    static byte[] parse(String text, String path) {
        byte[] out = new byte[16];
        boolean ok = text.indexOf(':') >= 0 ? parse6(text, out) : parse4(text, out, 12);
        if (!ok) {
            throw InvalidJsonException.invalid(path, JsonTree.quote(text), EXPECTED);
        }
        return out;
    }

    private static boolean parse4(String s, byte[] out, int at) {
        String[] parts = s.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (int i = 0; i < 4; i++) {
            String p = parts[i];
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(c -> c >= '0' && c <= '9')) {
                return false;
            }
            int v = Integer.parseInt(p);
            if (v > 255) {
                return false;
            }
            out[at + i] = (byte) v;
        }
        return true;
    }

    private static boolean parse6(String s, byte[] out) {
        int gap = s.indexOf("::");
        if (gap >= 0 && s.indexOf("::", gap + 1) >= 0) {
            return false;
        }
        List<byte[]> head = groups(gap < 0 ? s : s.substring(0, gap), gap < 0 || gap + 2 == s.length());
        List<byte[]> tail = gap < 0 ? List.of() : groups(s.substring(gap + 2), true);
        if (head == null || tail == null) {
            return false;
        }
        int octets = 0;
        for (byte[] b : head) {
            octets += b.length;
        }
        for (byte[] b : tail) {
            octets += b.length;
        }
        if (gap < 0 ? octets != 16 : octets > 14) {
            return false;
        }
        int p = 0;
        for (byte[] b : head) {
            System.arraycopy(b, 0, out, p, b.length);
            p += b.length;
        }
        p = 16;
        for (int i = tail.size() - 1; i >= 0; i--) {
            p -= tail.get(i).length;
            System.arraycopy(tail.get(i), 0, out, p, tail.get(i).length);
        }
        return true;
    }

    private static boolean isHexDigit(int c) {
        return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
    }

    /** Colon-separated hex groups (2 octets each); the last may be a dotted quad (4 octets) if allowed. */
    private static List<byte[]> groups(String s, boolean dottedTailAllowed) {
        List<byte[]> out = new ArrayList<>();
        if (s.isEmpty()) {
            return out;
        }
        String[] parts = s.split(":", -1);
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i];
            if (i == parts.length - 1 && dottedTailAllowed && p.indexOf('.') >= 0) {
                byte[] v4 = new byte[4];
                if (!parse4(p, v4, 0)) {
                    return null;
                }
                out.add(v4);
            } else if (p.isEmpty() || p.length() > 4 || !p.chars().allMatch(IpText::isHexDigit)) {
                return null;
            } else {
                int v = Integer.parseInt(p, 16);
                out.add(new byte[] {(byte) (v >> 8), (byte) v});
            }
        }
        return out;
    }
}
