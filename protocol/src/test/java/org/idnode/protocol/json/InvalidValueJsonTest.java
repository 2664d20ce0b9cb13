package org.idnode.protocol.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.idnode.protocol.ResponseCodes;
import org.junit.jupiter.api.Test;

/** Well-formed JSON holding a bad value: the exception names the field and what it expected (§18). */
class InvalidValueJsonTest {
    private static final String V = "{\"index\":1,\"type\":\"URL\",\"data\":\"x\"}";

    static InvalidJsonException refused(String json) {
        return assertThrows(InvalidJsonException.class, () -> ValueJsonReader.readRecord(json), json);
    }

    /** A record whose third value is {@code value}, so that paths read values[2]... */
    private static String third(String value) {
        return "{\"handle\":\"20.5000.1/abc\",\"values\":[" + V + "," + V.replace(":1", ":2") + "," + value + "]}";
    }

    private static String data(String type, String data) {
        return "{\"index\":3,\"type\":\"" + type + "\",\"data\":" + data + "}";
    }

    private static String site(String server) {
        return data("HS_SITE", "{\"format\":\"site\",\"value\":{\"version\":1,\"protocolVersion\":\"2.10\","
                + "\"serialNumber\":1,\"servers\":[" + server + "]}}");
    }

    private static void assertRefused(String value, String messageStart) {
        String message = refused(third(value)).getMessage();
        assertTrue(message.startsWith(messageStart), value + "\n  gave: " + message + "\n  want: " + messageStart);
    }

    @Test
    void anUnknownFormatIsNamedWithTheFormatsThatExist() {
        InvalidJsonException e = refused(third(data("URL", "{\"format\":\"foo\",\"value\":1}")));
        assertEquals("values[2].data.format: \"foo\" (expected: string, base64, hex, admin, vlist, site, key)",
                e.getMessage());
        assertEquals(ResponseCodes.INVALID_VALUE, e.responseCode());
        assertEquals("values[2].data.format", e.path());
    }

    @Test
    void badValueMembersAreNamed() {
        assertRefused("{\"index\":3,\"data\":\"x\"}", "values[2].type: missing (expected: a type string)");
        assertRefused("{\"index\":\"x\",\"type\":\"URL\",\"data\":\"x\"}",
                "values[2].index: \"x\" (expected: an integer -2147483648..2147483647)");
        assertRefused("{\"index\":4294967296,\"type\":\"URL\",\"data\":\"x\"}",
                "values[2].index: 4294967296 (expected: an integer");
        assertRefused("{\"index\":1.5,\"type\":\"URL\",\"data\":\"x\"}", "values[2].index: 1.5 (expected: an integer");
        assertRefused(V, "values[2].index: 1 (expected: an index not already used by values[0])");
        assertRefused(data("URL", "null"), "values[2].data: null (expected: a string or {\"format\",\"value\"})");
        assertRefused(data("URL", "\"\\ud800\""),
                "values[2].data: lone surrogate U+D800 at 0 (expected: valid Unicode text)");
        assertRefused(V.replace(":1", ":3").replace("}", ",\"ttl\":\"86400\"}"),
                "values[2].ttl: \"86400\" (expected: an ISO-8601 date-time");
        assertRefused(V.replace(":1", ":3").replace("}", ",\"ttl\":true}"), "values[2].ttl: true (expected: seconds");
        assertRefused(V.replace(":1", ":3").replace("}", ",\"permissions\":\"11\"}"),
                "values[2].permissions: \"11\" (expected: 4 bits");
        assertRefused(V.replace(":1", ":3").replace("}", ",\"references\":[{\"index\":1}]}"),
                "values[2].references[0].handle: missing");
    }

    @Test
    void badDataInEachFormatIsNamed() {
        assertRefused(data("URL", "{\"format\":\"base64\",\"value\":\"ab*c\"}"),
                "values[2].data.value: character '*' at 2 (expected: base64 text)");
        assertRefused(data("URL", "{\"format\":\"hex\",\"value\":\"abc\"}"),
                "values[2].data.value: 3 hex digits (expected: an even number)");
        assertRefused(data("URL", "{\"format\":\"hex\",\"value\":\"zz\"}"), "values[2].data.value: character 'z' at 0");
        assertRefused(data("URL", "{\"format\":\"string\"}"), "values[2].data.value: missing");
        assertRefused(data("HS_ADMIN", "{\"format\":\"admin\",\"value\":{\"handle\":\"0.NA/X\"}}"),
                "values[2].data.value.index: missing (expected: an integer)");
        assertRefused(data("HS_ADMIN", "{\"format\":\"admin\",\"value\":{\"handle\":\"0.NA/X\",\"index\":1,"
                + "\"permissions\":\"12\"}}"), "values[2].data.value.permissions: \"12\" (expected: a bit string");
        assertRefused(data("HS_ADMIN", "{\"format\":\"admin\",\"value\":{\"handle\":\"0.NA/X\",\"index\":1,"
                + "\"permissions\":[true,\"yes\"]}}"),
                "values[2].data.value.permissions[1]: \"yes\" (expected: true, false, 0 or 1)");
        assertRefused(data("HS_PUBKEY", "{\"format\":\"key\",\"value\":{\"kty\":\"EC\"}}"),
                "values[2].data.value.kty: \"EC\" (expected: \"RSA\" or \"DSA\")");
        assertRefused(data("HS_PUBKEY", "{\"format\":\"key\",\"value\":{\"kty\":\"RSA\",\"n\":\"AA\",\"e\":\"AQAB\"}}"),
                "values[2].data.value.n: \"AA\" (expected: a positive integer)");
        assertRefused(data("HS_VLIST", "{\"format\":\"vlist\",\"value\":[{\"handle\":\"a/b\",\"index\":\"x\"}]}"),
                "values[2].data.value[0].index: \"x\"");
    }

    @Test
    void badSiteMembersAreNamed() {
        assertRefused(site("{\"address\":\"example.org\",\"interfaces\":[]}"),
                "values[2].data.value.servers[0].address: \"example.org\" (expected: an IPv4 or IPv6 address literal"
                        + " (host names are not resolved))");
        assertRefused(site("{\"address\":\"1::2::3\",\"interfaces\":[]}"),
                "values[2].data.value.servers[0].address: \"1::2::3\"");
        assertRefused(site("{\"address\":\"192.0.2.256\",\"interfaces\":[]}"),
                "values[2].data.value.servers[0].address: \"192.0.2.256\"");
        assertRefused(site("{\"address\":\"192.0.2.1\"}"), "values[2].data.value.servers[0].interfaces: missing");
        assertRefused(site("{\"address\":\"192.0.2.1\",\"interfaces\":[{\"protocol\":\"SCTP\",\"port\":1}]}"),
                "values[2].data.value.servers[0].interfaces[0].protocol: \"SCTP\" (expected: \"UDP\", \"TCP\","
                        + " \"HTTP\", \"HTTPS\" or a number)");
        assertRefused(site("{\"address\":\"192.0.2.1\",\"interfaces\":[],"
                + "\"publicKey\":{\"format\":\"key\",\"value\":{}}}"),
                "values[2].data.value.servers[0].publicKey.value.kty: missing");
        assertRefused(data("HS_SITE", "{\"format\":\"site\",\"value\":{\"version\":1,\"protocolVersion\":\"2\","
                + "\"serialNumber\":1,\"servers\":[]}}"),
                "values[2].data.value.protocolVersion: \"2\" (expected: \"major.minor\"");
    }

    @Test
    void aRecordNeedsAHandleAndAnArrayOfValues() {
        assertEquals("handle: missing (expected: a handle string)", refused("{\"values\":[]}").getMessage());
        assertEquals("values: missing (expected: an array of values)", refused("{\"handle\":\"a/b\"}").getMessage());
        assertEquals("values: {} (expected: an array of values)",
                refused("{\"handle\":\"a/b\",\"values\":{}}").getMessage());
        assertEquals(ResponseCodes.INVALID_HANDLE, refused("{\"handle\":\"\",\"values\":[]}").responseCode());
        assertEquals("json: [] (expected: an object {\"handle\",\"values\"})", refused("[]").getMessage());
    }
}
