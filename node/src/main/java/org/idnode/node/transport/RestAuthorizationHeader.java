package org.idnode.node.transport;

import java.util.HashMap;
import java.util.Map;
import org.idnode.protocol.ProtocolException;
import org.idnode.protocol.ResponseCodes;

/**
 * The parameters of an {@code Authorization: Handle k="v", k="v"} header (handle-protocol.md §18):
 * names are case-insensitive, values quoted (with backslash escapes) or bare tokens. Bounded in
 * number; a header that does not read is RC 404 (invalid credential).
 */
final class RestAuthorizationHeader {
    static final int MAX_PARAMETERS = 16;

    private RestAuthorizationHeader() {
    }

    /** The parameters after the scheme name, names in lower case. */
    static Map<String, String> parameters(String text) {
        Map<String, String> out = new HashMap<>();
        int i = 0;
        int n = text.length();
        while (i < n) {
            while (i < n && (text.charAt(i) == ' ' || text.charAt(i) == ',' || text.charAt(i) == '\t')) {
                i++;
            }
            if (i >= n) {
                break;
            }
            int eq = text.indexOf('=', i);
            if (eq < 0) {
                throw bad("a parameter without '=' at offset " + i);
            }
            String name = text.substring(i, eq).trim().toLowerCase(java.util.Locale.ROOT);
            i = eq + 1;
            while (i < n && text.charAt(i) == ' ') {
                i++;
            }
            StringBuilder value = new StringBuilder();
            if (i < n && text.charAt(i) == '"') {
                i++;
                while (i < n && text.charAt(i) != '"') {
                    char c = text.charAt(i++);
                    if (c == '\\' && i < n) {
                        c = text.charAt(i++);
                    }
                    value.append(c);
                }
                if (i >= n) {
                    throw bad("an unterminated quoted value for " + name);
                }
                i++;
            } else {
                while (i < n && text.charAt(i) != ',') {
                    value.append(text.charAt(i++));
                }
            }
            if (out.size() >= MAX_PARAMETERS || out.put(name, value.toString().trim()) != null) {
                throw bad(out.size() >= MAX_PARAMETERS ? "more than " + MAX_PARAMETERS + " parameters" : name + " given twice");
            }
        }
        return out;
    }

    private static ProtocolException bad(String what) {
        return new ProtocolException(ResponseCodes.INVALID_CREDENTIAL, "Authorization: Handle: " + what
                + " (expected: sessionId=\"...\", id=\"index:handle\", type=\"HS_PUBKEY\", cnonce, alg, signature)");
    }
}
