package org.idnode.node.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.idnode.protocol.OpCodes;
import org.idnode.protocol.ResponseCodes;
import org.junit.jupiter.api.Test;

class MetricLabelsTest {

    @Test
    void knownCodesKeepTheirNumber() {
        assertEquals("1", MetricLabels.opcodeLabel(MetricLabels.opcodeIndex(OpCodes.RESOLUTION)));
        assertEquals("1003", MetricLabels.opcodeLabel(MetricLabels.opcodeIndex(OpCodes.BACKUP_SERVER)));
        assertEquals("100", MetricLabels.rcLabel(MetricLabels.rcIndex(ResponseCodes.HANDLE_NOT_FOUND)));
        assertEquals("505", MetricLabels.rcLabel(MetricLabels.rcIndex(ResponseCodes.SESSION_MESSAGE_REJECTED)));
    }

    @Test
    void unknownCodesCollapseToOther() {
        for (int op : new int[] {3, 99, 107, 999, 1004, -1, Integer.MAX_VALUE, Integer.MIN_VALUE}) {
            assertEquals("other", MetricLabels.opcodeLabel(MetricLabels.opcodeIndex(op)), "opcode " + op);
        }
        for (int rc : new int[] {8, 99, 203, 506, -5, Integer.MAX_VALUE}) {
            assertEquals("other", MetricLabels.rcLabel(MetricLabels.rcIndex(rc)), "rc " + rc);
        }
    }

    @Test
    void everyNamedCodeHasItsOwnLabel() throws IllegalAccessException {
        // ResponseCodes lists the only codes a server may send, OpCodes every operation of §6.
        for (var f : ResponseCodes.class.getFields()) {
            if (f.getType() == int.class) {
                int rc = f.getInt(null);
                assertEquals(Integer.toString(rc), MetricLabels.rcLabel(MetricLabels.rcIndex(rc)), f.getName());
            }
        }
        for (var f : OpCodes.class.getFields()) {
            if (f.getType() == int.class) {
                int op = f.getInt(null);
                assertEquals(Integer.toString(op), MetricLabels.opcodeLabel(MetricLabels.opcodeIndex(op)), f.getName());
            }
        }
    }
}
