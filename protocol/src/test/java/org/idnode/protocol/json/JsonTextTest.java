package org.idnode.protocol.json;

import static org.idnode.protocol.json.JsonVectors.HEX;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The text forms the reference prints: server addresses (§11) and Gson's string escaping (§18). */
class JsonTextTest {
    @Test
    void addressesPrintAsTheReferencePrintsThemAndParseBack() {
        String[][] cases = {
            {"000000000000000000000000c000020a", "192.0.2.10"},
            {"00000000000000000000000000000001", "0.0.0.1"},
            {"00000000000000000000000100000001", "::1:0:1"},
            {"20010db8000000000001000000000001", "2001:db8::1:0:0:1"},
            {"fe800000000000000000000000000000", "fe80:0:0:0:0:0:0:0"},
            {"00000000000000000000ffffc000020a", "::ffff:c000:20a"},
            {"20010db8000100000000000000000000", "2001:db8:1:0:0:0:0:0"},
            {"20010db80000000100000000000000ab", "2001:db8:0:1::ab"},
        };
        for (String[] c : cases) {
            assertEquals(c[1], IpText.format(HEX.parseHex(c[0])));
            assertEquals(c[0], HEX.formatHex(IpText.parse(c[1], "address")), c[1]);
        }
        assertEquals("00000000000000000000ffffc000020a", HEX.formatHex(IpText.parse("::ffff:192.0.2.10", "a")));
        assertEquals("00010002000300040005000600070000", HEX.formatHex(IpText.parse("1:2:3:4:5:6:7::", "a")));
    }

    @Test
    void stringsEscapeAsGsonEscapesThem() {
        String body = new String(RestResponses.error(2, "a/b", "q\"\\\u0001\t\u2028\u007f/<&='😀", false),
                StandardCharsets.UTF_8);
        assertEquals("{\"responseCode\":2,\"message\":\"q\\\"\\\\\\u0001\\t\\u2028\u007f/<&='😀\","
                + "\"handle\":\"a/b\"}", body);
    }
}
