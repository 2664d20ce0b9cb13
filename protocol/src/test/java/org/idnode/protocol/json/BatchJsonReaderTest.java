package org.idnode.protocol.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.idnode.protocol.ResponseCodes;
import org.junit.jupiter.api.Test;

class BatchJsonReaderTest {
    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void readsEachKindWithItsMembersAndDefaultsOverwriteToFalse() {
        List<BatchOperation> ops = BatchJsonReader.read(utf8("{\"operations\":["
                + "{\"op\":\"create\",\"handle\":\"88.1/a\",\"values\":[{\"index\":1,\"type\":\"URL\",\"data\":\"x\"}]},"
                + "{\"op\":\"add\",\"handle\":\"88.1/a\",\"overwrite\":true,\"values\":[{\"index\":2,\"type\":\"T\",\"data\":\"y\"}]},"
                + "{\"op\":\"remove\",\"handle\":\"88.1/a\",\"indexes\":[2]},"
                + "{\"op\":\"modify\",\"handle\":\"88.1/a\",\"values\":[{\"index\":1,\"type\":\"URL\",\"data\":\"z\"}]},"
                + "{\"op\":\"delete\",\"handle\":\"88.1/a\"}]}"), 10);
        assertEquals(List.of(BatchOperation.Kind.CREATE, BatchOperation.Kind.ADD, BatchOperation.Kind.REMOVE,
                BatchOperation.Kind.MODIFY, BatchOperation.Kind.DELETE), ops.stream().map(BatchOperation::kind).toList());
        assertEquals(false, ops.get(0).overwrite());
        assertEquals(true, ops.get(1).overwrite());
        assertEquals(List.of(2), ops.get(2).indexes());
        assertEquals("z", new String(ops.get(3).values().get(0).data(), StandardCharsets.UTF_8));
    }

    @Test
    void moreOperationsThanTheBoundIsRc4NamingTheBound() {
        InvalidJsonException e = assertThrows(InvalidJsonException.class, () -> BatchJsonReader.read(utf8(
                "{\"operations\":[{\"op\":\"delete\",\"handle\":\"88.1/a\"},{\"op\":\"delete\",\"handle\":\"88.1/b\"}]}"), 1));
        assertEquals(ResponseCodes.PROTOCOL_ERROR, e.responseCode());
        assertTrue(e.getMessage().contains("at most 1"), e.getMessage());
    }

    @Test
    void aMalformedOperationIsNamedByItsPath() {
        InvalidJsonException e = assertThrows(InvalidJsonException.class, () -> BatchJsonReader.read(utf8(
                "{\"operations\":[{\"op\":\"delete\",\"handle\":\"88.1/a\"},{\"op\":\"create\",\"handle\":\"88.1/b\","
                        + "\"values\":[{\"index\":\"x\",\"type\":\"URL\",\"data\":\"d\"}]}]}"), 10));
        assertTrue(e.getMessage().startsWith("operations[1].values[0].index"), e.getMessage());
    }
}
