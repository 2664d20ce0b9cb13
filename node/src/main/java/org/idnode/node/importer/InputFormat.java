package org.idnode.node.importer;

import java.util.Locale;

/** The two input formats of {@code idnode import}. */
public enum InputFormat {
    /** One record per line in the REST record shape (§18). */
    JSON,
    /** RFC 4180 {@code handle,index,type,value}, one value per line; consecutive lines of a handle form its record. */
    CSV;

    /** By file name; null when the name says nothing. */
    static InputFormat byName(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        if (n.endsWith(".csv")) {
            return CSV;
        }
        if (n.endsWith(".json") || n.endsWith(".jsonl") || n.endsWith(".ndjson")) {
            return JSON;
        }
        return null;
    }

    /** By content: a JSON line starts with '{', nothing in the CSV format can. */
    static InputFormat sniff(byte[] head, int len) {
        for (int i = 0; i < len; i++) {
            byte b = head[i];
            if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
                return b == '{' ? JSON : CSV;
            }
        }
        return JSON;
    }
}
