package org.idnode.protocol.json;

import static org.idnode.protocol.json.JsonVectors.HEX;
import static org.idnode.protocol.json.JsonVectors.encode;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.idnode.protocol.codec.AdminRecordCodec;
import org.idnode.protocol.model.AdminRecord;
import org.idnode.protocol.model.HandleValue;
import org.idnode.protocol.model.ValueReference;
import org.junit.jupiter.api.Test;

/** Input forms and defaults of §18 that the printer never produces. */
class ValueJsonReaderTest {
    private static final String URL = "{\"index\":1,\"type\":\"URL\",\"data\":\"https://example.org/\"}";

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aMinimalValueGetsTheReferenceDefaultsAndNoTimestamp() {
        HandleValue v = ValueJsonReader.readValue(URL.replace("}", ",\"timestamp\":\"not even a date\"}"));
        assertEquals(HandleValue.text(1, "URL", "https://example.org/"), v);
        assertEquals(HandleValue.DEFAULT_TTL, v.ttl());
        assertEquals(HandleValue.TTL_RELATIVE, v.ttlType());
        assertEquals(0x0E, v.permissions());
        assertEquals(0, v.timestamp());
    }

    @Test
    void aPutBodyMayBeAnArrayAValuesObjectOrOneValue() {
        HandleValue url = ValueJsonReader.readValue(URL);
        HandleRecord array = ValueJsonReader.readValuesBody(utf8("[" + URL + "]"));
        assertNull(array.handle());
        assertEquals(List.of(url), array.values());
        HandleRecord wrapped = ValueJsonReader.readValuesBody(utf8("{\"values\":[" + URL + "]}"));
        assertNull(wrapped.handle());
        assertEquals(List.of(url), wrapped.values());
        HandleRecord named = ValueJsonReader.readValuesBody(
                utf8("{\"handle\":\"20.5000.1/abc\",\"values\":[" + URL + "]}"));
        assertEquals("20.5000.1/abc", named.handle());
        HandleRecord single = ValueJsonReader.readValuesBody(utf8(URL));
        assertEquals(List.of(url), single.values());
    }

    @Test
    void aPutBodyCanBeReadFromAStream() throws IOException {
        HandleRecord r = ValueJsonReader.readValuesBody(new ByteArrayInputStream(utf8("[" + URL + "]")));
        assertEquals(1, r.values().size());
    }

    @Test
    void anImportLineReadsBackWhatTheRecordWriterPrints() throws IOException {
        List<HandleValue> values = List.of(HandleValue.text(1, "URL", "https://example.org/"),
                new HandleValue(2, 0, 1, 1700043200, 0x0C, "HS_SECKEY", utf8("pw"),
                        List.of(new ValueReference("a/b", 3))));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (var g = JsonOutput.generator(out, false)) {
            ValueJsonWriter.writeRecord(g, "20.5000.1/abc", values);
        }
        HandleRecord r = ValueJsonReader.readRecord(out.toString(StandardCharsets.UTF_8));
        assertEquals(new HandleRecord("20.5000.1/abc", values), r);
        assertEquals(r, ValueJsonReader.readRecord(out.toByteArray()));
    }

    @Test
    void hexBase64UrlAndUpperCaseFormatNamesAreAccepted() {
        String[][] cases = {
            {"{\"format\":\"hex\",\"value\":\"00FFab\"}", "00ffab"},
            {"{\"format\":\"Base64\",\"value\":\"-_8\"}", "fbff"},
            {"{\"format\":\"base64\",\"value\":\"+/8=\"}", "fbff"},
            {"{\"format\":\"base64\",\"value\":\"AAEC\\nAw==\"}", "00010203"},
            {"\"é\"", "c3a9"},
            {"{\"format\":\"STRING\",\"value\":\"😀\"}", "f09f9880"},
            {"{\"format\":\"hex\",\"value\":\"\"}", ""},
        };
        for (String[] c : cases) {
            HandleValue v = ValueJsonReader.readValue("{\"index\":1,\"type\":\"X\",\"data\":" + c[0] + "}");
            assertEquals(c[1], HEX.formatHex(v.data()), c[0]);
        }
    }

    @Test
    void adminPermissionsAreReadInEveryInputForm() {
        Object[][] cases = {{"\"*\"", 0x0FFF}, {"4083", 0x0FF3}, {"true", 0x0FFF}, {"false", 0}, {"\"11\"", 3},
            {"\"111111110011\"", 0x0FF3}, {"[true,true,false,false,true]", 0x13}, {"[1,0,1]", 5}, {"null", 0}};
        for (Object[] c : cases) {
            String json = "{\"index\":100,\"type\":\"HS_ADMIN\",\"data\":{\"format\":\"admin\",\"value\":"
                    + "{\"handle\":\"0.NA/X\",\"index\":200,\"permissions\":" + c[0] + "}}}";
            AdminRecord a = AdminRecordCodec.decode(ValueJsonReader.readValue(json).data());
            assertEquals(c[1], a.permissions(), String.valueOf(c[0]));
        }
    }

    @Test
    void ttlsAndPermissionsAreReadInEveryInputForm() {
        Object[][] cases = {
            {"\"ttl\":3600", 0, 3600},
            {"\"ttl\":\"2023-11-15T10:13:20Z\"", 1, 1700043200},
            {"\"ttl\":\"2023-11-15T11:13:20.999+01:00\"", 1, 1700043200},
            {"\"ttl\":\"2023-11-15T10:13:20\"", 1, 1700043200},
        };
        for (Object[] c : cases) {
            HandleValue v = ValueJsonReader.readValue(URL.replace("}", "," + c[0] + "}"));
            assertEquals(c[1], v.ttlType(), (String) c[0]);
            assertEquals(c[2], v.ttl(), (String) c[0]);
        }
        assertEquals(0x0F, ValueJsonReader.readValue(URL.replace("}", ",\"permissions\":\"*\"}")).permissions());
        assertEquals(0x01, ValueJsonReader.readValue(URL.replace("}", ",\"permissions\":\"0001\"}")).permissions());
    }

    @Test
    void numbersAndBooleansGivenAsStringsAreReadLikeTheReferenceReadsThem() {
        HandleValue v = ValueJsonReader.readValue("{\"index\":\"7\",\"type\":\"HS_SITE\",\"data\":{\"format\":\"site\","
                + "\"value\":{\"version\":\"1\",\"protocolVersion\":\"2.10\",\"serialNumber\":3,"
                + "\"primarySite\":\"true\","
                + "\"servers\":[{\"address\":\"192.0.2.1\",\"interfaces\":[{\"query\":true,\"protocol\":\"tcp\","
                + "\"port\":2641}]}],\"attributes\":{\"desc\":\"d\",\"alt_addr\":[\"192.0.2.2\"]}}}}");
        assertEquals(7, v.index());
        HandleValue again = ValueJsonReader.readValue(ValueJsonWriter.toJson(v));
        assertArrayEquals(encode(v), encode(again));
        assertEquals("{\"index\":7,\"type\":\"HS_SITE\",\"data\":{\"format\":\"site\",\"value\":{\"version\":1,"
                + "\"protocolVersion\":\"2.10\",\"serialNumber\":3,\"primarySite\":true,\"multiPrimary\":false,"
                + "\"attributes\":[{\"name\":\"desc\",\"value\":\"d\"},"
                + "{\"name\":\"alt_addr\",\"value\":\"192.0.2.2\"}],"
                + "\"servers\":[{\"serverId\":0,\"address\":\"192.0.2.1\","
                + "\"publicKey\":{\"format\":\"base64\",\"value\":\"\"},"
                + "\"interfaces\":[{\"query\":true,\"admin\":false,\"protocol\":\"TCP\",\"port\":2641}]}]}},"
                + "\"ttl\":86400}", ValueJsonWriter.toJson(v));
    }
}
