package org.idnode.protocol.json;

import static org.idnode.protocol.json.InvalidValueJsonTest.refused;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.idnode.protocol.ResponseCodes;
import org.junit.jupiter.api.Test;

/** Garbage, truncated and oversized input: always an InvalidJsonException — never Jackson's, never an NPE. */
class MalformedJsonTest {
    private static final String V = "{\"index\":1,\"type\":\"URL\",\"data\":\"x\"}";

    private static String withData(String data) {
        return "{\"handle\":\"a/b\",\"values\":[{\"index\":3,\"type\":\"X\",\"data\":" + data + "}]}";
    }

    @Test
    void textThatIsNotJsonIsAProtocolError() {
        String[] garbage = {"", "   ", "not json", "{", "{\"handle\":", "[1,", "{\"a\":1}}", "{\"a\":1} {}", "\u0000",
            "{\"handle\":\"a/b\",\"handle\":\"c/d\",\"values\":[]}", "{'handle':'a/b'}", "{\"values\":[" + V + ",]}",
            "{\"values\":[NaN]}", "/* c */ {}"};
        for (String g : garbage) {
            InvalidJsonException e = refused(g);
            assertEquals(ResponseCodes.PROTOCOL_ERROR, e.responseCode(), g + " -> " + e.getMessage());
        }
        assertEquals("json: empty input (expected: a JSON document)", refused(" ").getMessage());
        assertTrue(refused("{\"handle\":").getMessage().startsWith("handle: truncated JSON at line 1, column 11"));
        assertTrue(refused("{\"a\":1} {}").getMessage().startsWith("json: content after the JSON document"));
        assertTrue(refused("{\"handle\":\"a/b\",\"handle\":1}").getMessage().contains("Duplicate field 'handle'"));
        for (byte[] notUtf8 : new byte[][] {{(byte) 0xFF, '[', ']'}, {0, 0, 0, '['}, {'"', (byte) 0xC3, '"'}}) {
            assertThrows(InvalidJsonException.class, () -> ValueJsonReader.readValuesBody(notUtf8));
        }
    }

    @Test
    void tooManyValuesTooLongAHandleAndTooMuchDataAreRefusedWithTheirBound() {
        StringBuilder many = new StringBuilder("{\"handle\":\"a/b\",\"values\":[");
        for (int i = 1; i <= 2049; i++) {
            many.append(i > 1 ? "," : "").append(V.replace(":1,", ":" + i + ","));
        }
        assertEquals("values: 2049 elements (expected: at most 2048)", refused(many + "]}").getMessage());
        InvalidJsonException h = refused("{\"handle\":\"a/" + "x".repeat(2047) + "\",\"values\":[]}");
        assertEquals("handle: 2049 octets (expected: at most 2048)", h.getMessage());
        assertEquals(ResponseCodes.INVALID_HANDLE, h.responseCode());
        assertEquals("values[0].data.value: 1048577 octets (expected: at most 1048576)",
                refused(withData("{\"format\":\"hex\",\"value\":\"" + "ab".repeat(1_048_577) + "\"}")).getMessage());
        assertEquals("values[0].data.value: about 1048578 octets (expected: at most 1048576)",
                refused(withData("{\"format\":\"base64\",\"value\":\"" + "A".repeat(1_398_104) + "\"}")).getMessage());
        assertEquals("values[0].data: 1048577 octets (expected: at most 1048576)",
                refused(withData("\"" + "x".repeat(1_048_577) + "\"")).getMessage());
    }

    @Test
    void documentsOverTheParserLimitsAreRefused() {
        InvalidJsonException huge = refused(withData("\"" + "x".repeat(3_000_000) + "\""));
        assertTrue(huge.getMessage().startsWith("values[0].data: JSON over a size limit"), huge.getMessage());
        InvalidJsonException doc = refused("{\"handle\":\"a/b\"," + " ".repeat(9 << 20) + "\"values\":[]}");
        assertEquals("json: 9437212 characters of JSON (expected: at most 8388608)", doc.getMessage());
        byte[] big = ("[" + " ".repeat(9 << 20) + "]").getBytes(StandardCharsets.US_ASCII);
        InvalidJsonException streamed = assertThrows(InvalidJsonException.class,
                () -> ValueJsonReader.readValuesBody(new ByteArrayInputStream(big)));
        assertTrue(streamed.getMessage().contains("Document length"), streamed.getMessage());
        InvalidJsonException deep = refused("[".repeat(100) + "]".repeat(100));
        assertTrue(deep.getMessage().contains("Document nesting depth"), deep.getMessage());
    }

    @Test
    void everyTruncationOfTheReferenceBodyIsRefusedCleanly() {
        byte[] body = JsonVectors.bytes("rest-resolution-response-multi.body.json");
        for (int n = 0; n < body.length; n++) {
            byte[] cut = Arrays.copyOf(body, n);
            try {
                ValueJsonReader.readValuesBody(cut);
                fail("a prefix of " + n + " octets was accepted");
            } catch (InvalidJsonException expected) {
                // the only acceptable outcome
            }
        }
    }

    @Test
    void randomlyDamagedBodiesEitherReadOrFailCleanly() {
        byte[] body = JsonVectors.bytes("rest-resolution-response-multi.body.json");
        byte[] alphabet = "{}[]\":,0123456789-.eE \\tfnu/x".getBytes(StandardCharsets.US_ASCII);
        Random random = new Random(20231114);
        for (int round = 0; round < 3000; round++) {
            byte[] b = body.clone();
            for (int k = 1 + random.nextInt(3); k > 0; k--) {
                b[random.nextInt(b.length)] = random.nextInt(4) == 0 ? (byte) random.nextInt(256)
                        : alphabet[random.nextInt(alphabet.length)];
            }
            try {
                ValueJsonReader.readValuesBody(b);
            } catch (InvalidJsonException expected) {
                assertTrue(expected.getMessage().contains(": "), expected.getMessage());
            } catch (RuntimeException other) {
                fail("round " + round + ": " + other + " for " + new String(b, StandardCharsets.UTF_8), other);
            }
        }
    }
}
