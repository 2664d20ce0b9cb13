package org.idnode.protocol.json;

import static org.idnode.protocol.json.JsonVectors.HEX;
import static org.idnode.protocol.json.JsonVectors.body;
import static org.idnode.protocol.json.JsonVectors.bytes;
import static org.idnode.protocol.json.JsonVectors.encode;
import static org.idnode.protocol.json.JsonVectors.json;
import static org.idnode.protocol.json.JsonVectors.tree;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.idnode.protocol.message.ErrorResponse;
import org.idnode.protocol.message.GetSiteInfoResponse;
import org.idnode.protocol.message.ResolutionResponse;
import org.idnode.protocol.model.HandleValue;
import org.junit.jupiter.api.Test;

/** The REST vectors of src/test/resources/handle-vectors (§18), reproduced from the binary vectors. */
class RestVectorsTest {
    private static final String MULTI = "resolution-response-multi";

    private static ResolutionResponse multi() {
        return (ResolutionResponse) body(MULTI);
    }

    private static String utf8(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    @Test
    void theMultiResolutionPrintsExactlyTheReferenceCompactBody() {
        ResolutionResponse r = multi();
        byte[] ours = RestResponses.resolution(r.handle(), r.values(), false);
        assertEquals(utf8(bytes("rest-resolution-response-multi.body.json")), utf8(ours));
    }

    @Test
    void theMultiResolutionBodyEqualsTheBodyOfTheVectorFileAsATree() {
        ResolutionResponse r = multi();
        JsonNode expected = json("rest-resolution-response-multi.json").get("body");
        assertEquals(expected, tree(RestResponses.resolution(r.handle(), r.values(), false)));
        assertEquals(200, json("rest-resolution-response-multi.json").get("httpStatus").intValue());
    }

    @Test
    void thePrettyFormParsesToTheSameTreeAndUsesGsonLayout() {
        ResolutionResponse r = multi();
        byte[] pretty = RestResponses.resolution(r.handle(), r.values(), true);
        assertEquals(tree(bytes("rest-resolution-response-multi.body.json")), tree(pretty));
        String text = utf8(pretty);
        assertTrue(text.startsWith("{\n  \"responseCode\": 1,\n  \"handle\": \"20.5000.1/abc\",\n  \"values\": [\n"
                + "    {\n      \"index\": 1,\n      \"type\": \"URL\",\n      \"data\": {\n"
                + "        \"format\": \"string\","), text);
        assertTrue(text.endsWith("\n  ]\n}"), text);
    }

    @Test
    void everyValueOfTheVectorPrintsAsTheReferencePrintsIt() {
        List<HandleValue> values = multi().values();
        JsonNode expected = tree(bytes("rest-resolution-response-multi.body.json")).get("values");
        for (int i = 0; i < values.size(); i++) {
            assertEquals(expected.get(i).toString(), ValueJsonWriter.toJson(values.get(i)), "value " + i);
        }
    }

    @Test
    void readingTheReferenceBodyBackGivesByteIdenticalValues() {
        List<HandleValue> original = multi().values();
        HandleRecord read = ValueJsonReader.readValuesBody(bytes("rest-resolution-response-multi.body.json"));
        assertEquals("20.5000.1/abc", read.handle());
        assertEquals(original.size(), read.values().size());
        JsonNode vectorValues = json(MULTI + ".json").get("body").get("values");
        for (int i = 0; i < original.size(); i++) {
            HandleValue back = read.values().get(i);
            assertEquals(0, back.timestamp(), "the timestamp is ignored on input");
            byte[] restamped = encode(back.withTimestamp(original.get(i).timestamp()));
            assertArrayEquals(encode(original.get(i)), restamped, "value " + i);
            assertEquals(vectorValues.get(i).get("encodedHex").textValue(), HEX.formatHex(restamped), "value " + i);
        }
    }

    @Test
    void handleNotFoundReproducesTheRestVector() {
        ErrorResponse e = (ErrorResponse) body("error-handle-not-found");
        JsonNode vector = json("rest-error-handle-not-found.json");
        byte[] ours = RestResponses.error(100, "20.5000.1/abc", e.message(), false);
        assertEquals("{\"responseCode\":100,\"handle\":\"20.5000.1/abc\"}", utf8(ours));
        assertEquals(vector.get("body"), tree(ours));
        assertEquals(vector.get("body"), tree(RestResponses.error(100, "20.5000.1/abc", e.message(), true)));
    }

    @Test
    void theSiteReproducesTheRestVector() {
        GetSiteInfoResponse s = (GetSiteInfoResponse) body("get-site-info-response");
        JsonNode expected = json("rest-site.json").get("body");
        byte[] ours = RestResponses.site(s.site(), false);
        // Compact text of the vector's tree (member order kept) against ours, byte for byte.
        assertEquals(expected.toString(), utf8(ours));
        assertEquals(expected, tree(RestResponses.site(s.site(), true)));
    }

    @Test
    void theSiteInsideTheValueAndTheSiteResponseAgree() {
        GetSiteInfoResponse s = (GetSiteInfoResponse) body("get-site-info-response");
        JsonNode valueSite = tree(bytes("rest-resolution-response-multi.body.json")).get("values").get(4).get("data")
                .get("value");
        assertEquals(valueSite, tree(RestResponses.site(s.site(), false)).get("site"));
        assertNull(tree(RestResponses.site(s.site(), false)).get("handle"));
    }
}
