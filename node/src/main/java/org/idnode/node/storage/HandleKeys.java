package org.idnode.node.storage;

import java.nio.charset.StandardCharsets;

/**
 * Turns handles into store keys (handle-protocol.md §12). The prefix part is always ASCII
 * case-folded; the suffix too unless the node is configured case-sensitive, as on a default CNRI
 * server. Folding is to upper case, ASCII a-z only; the key is the UTF-8 of the folded handle, so a
 * prefix scan lists a prefix's handles in order. A slash-less handle {@code X} means {@code 0.NA/X}.
 */
public final class HandleKeys {
    private final boolean caseSensitiveSuffix;

    public HandleKeys(boolean caseSensitiveSuffix) {
        this.caseSensitiveSuffix = caseSensitiveSuffix;
    }

    public byte[] key(String handle) {
        byte[] b = handle.getBytes(StandardCharsets.UTF_8);
        int slash = indexOfSlash(b);
        if (slash < 0) {
            return key("0.NA/" + handle);
        }
        // Handles under the global prefix 0 are case-insensitive as a whole (§12).
        boolean whole = !caseSensitiveSuffix || (b.length > 1 && b[0] == '0' && (b[1] == '.' || b[1] == '/'));
        int end = whole ? b.length : slash;
        for (int i = 0; i < end; i++) {
            byte c = b[i];
            if (c >= 'a' && c <= 'z') {
                b[i] = (byte) (c - 32);
            }
        }
        return b;
    }

    /** The key of a prefix's own handle, {@code 0.NA/<PREFIX>}. */
    public byte[] prefixHandleKey(String prefix) {
        return key("0.NA/" + prefix);
    }

    /** The key prefix under which all handles of {@code prefix} sort: {@code PREFIX/}. */
    public byte[] scanPrefix(String prefix) {
        return (normalizePrefix(prefix) + "/").getBytes(StandardCharsets.UTF_8);
    }

    public static String normalizePrefix(String prefix) {
        StringBuilder sb = new StringBuilder(prefix.length());
        for (int i = 0; i < prefix.length(); i++) {
            char c = prefix.charAt(i);
            sb.append(c >= 'a' && c <= 'z' ? (char) (c - 32) : c);
        }
        return sb.toString();
    }

    static int indexOfSlash(byte[] b) {
        for (int i = 0; i < b.length; i++) {
            if (b[i] == '/') {
                return i;
            }
        }
        return -1;
    }
}
