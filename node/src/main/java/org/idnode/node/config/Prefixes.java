package org.idnode.node.config;

import java.nio.charset.StandardCharsets;

/** Syntax of prefix names (handle-protocol.md §12). */
public final class Prefixes {
    private Prefixes() {
    }

    public static boolean isValidPrefix(String p) {
        if (p == null || p.isEmpty() || p.getBytes(StandardCharsets.UTF_8).length > 255) {
            return false;
        }
        for (int i = 0; i < p.length(); i++) {
            char c = p.charAt(i);
            if (c == '/' || c <= ' ' || c == 0x7F) {
                return false;
            }
        }
        return !p.startsWith(".") && !p.endsWith(".") && !p.contains("..");
    }
}
