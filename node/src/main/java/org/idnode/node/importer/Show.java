package org.idnode.node.importer;

/** Input as shown in error messages: quoted, control characters escaped, cut short. */
final class Show {
    static final int MAX = 60;

    private Show() {
    }

    static String quoted(String s) {
        StringBuilder sb = new StringBuilder(Math.min(s.length(), MAX) + 8).append('"');
        for (int i = 0; i < s.length() && i < MAX; i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                sb.append('\\').append(c);
            } else if (c < 0x20 || c == 0x7F || Character.isSurrogate(c)) {
                sb.append(String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        if (s.length() > MAX) {
            sb.append("...");
        }
        return sb.append('"').toString();
    }
}
