package org.idnode.node.metrics;

import java.util.Arrays;

/**
 * The bounded label values of {@code idnode_requests_total}: every opcode and response code of
 * handle-protocol.md §6/§7 by its number, anything else as "other", so that a client sending
 * made-up opcodes can't grow the number of series. Lookups are one array read each.
 */
final class MetricLabels {
    static final String OTHER = "other";

    static final int[] OPCODES = {0, 1, 2, 100, 101, 102, 103, 104, 105, 106, 200, 201, 300, 301, 302, 400, 401, 402,
            1000, 1001, 1002, 1003};
    static final int[] RESPONSE_CODES = {0, 1, 2, 3, 4, 5, 6, 7, 100, 101, 102, 200, 201, 202, 300, 301, 302, 303,
            400, 401, 402, 403, 404, 405, 406, 500, 501, 502, 503, 504, 505};

    private static final byte[] OPCODE_INDEX = indexTable(OPCODES);
    private static final byte[] RC_INDEX = indexTable(RESPONSE_CODES);

    private MetricLabels() {
    }

    /** Number of opcode label values, "other" included. */
    static int opcodeCount() {
        return OPCODES.length + 1;
    }

    static int rcCount() {
        return RESPONSE_CODES.length + 1;
    }

    /** Index of {@code opCode}'s label: its place in {@link #OPCODES}, or the last one ("other"). */
    static int opcodeIndex(int opCode) {
        return opCode >= 0 && opCode < OPCODE_INDEX.length ? OPCODE_INDEX[opCode] : OPCODES.length;
    }

    static int rcIndex(int rc) {
        return rc >= 0 && rc < RC_INDEX.length ? RC_INDEX[rc] : RESPONSE_CODES.length;
    }

    static String opcodeLabel(int index) {
        return index < OPCODES.length ? Integer.toString(OPCODES[index]) : OTHER;
    }

    static String rcLabel(int index) {
        return index < RESPONSE_CODES.length ? Integer.toString(RESPONSE_CODES[index]) : OTHER;
    }

    private static byte[] indexTable(int[] known) {
        byte[] t = new byte[known[known.length - 1] + 1];
        Arrays.fill(t, (byte) known.length);
        for (int i = 0; i < known.length; i++) {
            t[known[i]] = (byte) i;
        }
        return t;
    }
}
