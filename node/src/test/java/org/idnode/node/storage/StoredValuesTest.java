package org.idnode.node.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.idnode.protocol.model.HandleValue;
import org.idnode.protocol.model.ValueReference;
import org.junit.jupiter.api.Test;

class StoredValuesTest {

    @Test
    void walksEveryValueToItsEncodedLength() {
        List<HandleValue> values = List.of(HandleValue.text(1, "URL", "https://x"),
                new HandleValue(7, 5, 0, 60, 0x0C, "HS_SECKEY", new byte[] {1, 2, 3}, List.of(new ValueReference("0.NA/1", 300))),
                HandleValue.text(9, "DESC", ""));
        byte[] record = StoredRecord.encode(values);
        assertFalse(StoredRecord.allPublic(record));
        int offset = StoredValues.first();
        for (HandleValue v : values) {
            assertEquals(v.index(), StoredValues.index(record, offset));
            assertEquals(v.publicRead(), StoredValues.publicRead(record, offset));
            offset += StoredValues.length(record, offset);
        }
        assertEquals(record.length, offset);
        assertEquals(values, StoredRecord.decode(record));
    }

    @Test
    void matchesTypesCaseInsensitivelyAndSubtypesOnlyWithATrailingDot() {
        byte[] record = StoredRecord.encode(List.of(HandleValue.text(1, "url.Backup", "x")));
        int at = StoredValues.first();
        assertTrue(StoredValues.typeMatches(record, at, up("URL.BACKUP")));
        assertTrue(StoredValues.typeMatches(record, at, up("URL.")));
        assertFalse(StoredValues.typeMatches(record, at, up("URL")));
        assertFalse(StoredValues.typeMatches(record, at, up("URL.B")));
        byte[] plain = StoredRecord.encode(List.of(HandleValue.text(1, "Url", "x")));
        assertTrue(StoredValues.typeMatches(plain, at, up("URL.")));
        assertTrue(StoredValues.typeMatches(plain, at, up("URL")));
        assertFalse(StoredValues.typeMatches(plain, at, up("URLX")));
    }

    private static byte[] up(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
