package org.idnode.protocol.json;

import static org.idnode.protocol.json.JsonVectors.HEX;
import static org.idnode.protocol.json.JsonVectors.encode;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.idnode.protocol.codec.AdminRecordCodec;
import org.idnode.protocol.codec.PublicKeyCodec;
import org.idnode.protocol.codec.SiteInfoCodec;
import org.idnode.protocol.codec.ValueListCodec;
import org.idnode.protocol.model.AdminRecord;
import org.idnode.protocol.model.HandleValue;
import org.idnode.protocol.model.PublicKeyData;
import org.idnode.protocol.model.SiteInfo;
import org.idnode.protocol.model.ValueList;
import org.idnode.protocol.model.ValueReference;
import org.junit.jupiter.api.Test;

/** Each data format of §18 printed and read back to the same octets (timestamps aside: input ignores them). */
class ValueJsonFormatsTest {
    private static final byte[] IPV4 = HEX.parseHex("000000000000000000000000c000020a");

    /** Prints the value, reads it back and checks the octets; returns the JSON. */
    private static String roundTrip(HandleValue v) {
        String json = ValueJsonWriter.toJson(v);
        HandleValue back = ValueJsonReader.readValue(json);
        assertArrayEquals(encode(v.withTimestamp(0)), encode(back), json);
        return json;
    }

    private static String format(String json) {
        return JsonVectors.tree(json.getBytes(StandardCharsets.UTF_8)).get("data").get("format").textValue();
    }

    @Test
    void anAdminRecordInTheLegacyLayoutKeepsItsTrailingOctets() {
        byte[] plain = AdminRecordCodec.encode(new AdminRecord(0x0FF3, "0.NA/20.5000.1", 200));
        String json = roundTrip(HandleValue.of(100, "HS_ADMIN", Arrays.copyOf(plain, plain.length + 2)));
        assertTrue(json.contains("{\"format\":\"admin\",\"value\":{\"handle\":\"0.NA/20.5000.1\",\"index\":200,"
                + "\"permissions\":\"111111110011\",\"legacyByteLength\":true}}"), json);
    }

    @Test
    void anAdminRecordWithBitsJsonCannotCarryFallsBackToBase64() {
        byte[] data = AdminRecordCodec.encode(new AdminRecord(0x0FF3, "0.NA/X", 1));
        data[0] |= (byte) 0xF0;
        assertEquals("base64", format(roundTrip(HandleValue.of(100, "HS_ADMIN", data))));
    }

    @Test
    void anAdminGroupPrintsAsAVlist() {
        ValueList list = new ValueList(List.of(new ValueReference("0.NA/X", 200),
                new ValueReference("20.5000.1/g", 300)));
        String json = roundTrip(HandleValue.of(7, "hs_vlist", ValueListCodec.encode(list)));
        assertTrue(json.contains("\"data\":{\"format\":\"vlist\",\"value\":[{\"handle\":\"0.NA/X\",\"index\":200},"
                + "{\"handle\":\"20.5000.1/g\",\"index\":300}]}"), json);
    }

    @Test
    void aDsaKeyPrintsItsJwkMembersInTheReferenceOrderWithoutSignOctets() {
        BigInteger big = new BigInteger("ff01", 16); // toByteArray gives 00 ff 01
        PublicKeyData.Dsa dsa = new PublicKeyData.Dsa(BigInteger.valueOf(3), big, BigInteger.TWO,
                BigInteger.valueOf(0x0100));
        String json = roundTrip(HandleValue.of(300, "HS_PUBKEY", PublicKeyCodec.encode(dsa)));
        assertTrue(json.contains("{\"format\":\"key\",\"value\":{\"kty\":\"DSA\",\"y\":\"AQA\",\"p\":\"_wE\","
                + "\"q\":\"Aw\",\"g\":\"Ag\"}}"), json);
    }

    @Test
    void keysJsonCannotCarryExactlyFallBackToBase64() {
        byte[] dh = PublicKeyCodec.encode(new PublicKeyData.Dh(BigInteger.TEN, BigInteger.valueOf(23), BigInteger.TWO));
        byte[] rsa = PublicKeyCodec.encode(new PublicKeyData.Rsa(BigInteger.valueOf(65537), BigInteger.valueOf(3233)));
        byte[] reserved = rsa.clone();
        reserved[4 + 11 + 1] = 1; // the int2 after "RSA_PUB_KEY"
        byte[] padded = HEX.parseHex("0000000b5253415f5055425f4b455900000000000400010001" + "000000020ca1");
        for (byte[] data : List.of(dh, reserved, padded)) {
            assertEquals("base64", format(roundTrip(HandleValue.of(300, "HS_PUBKEY", data))));
        }
        assertEquals("key", format(roundTrip(HandleValue.of(300, "HS_PUBKEY", rsa))));
    }

    @Test
    void dataIsTextOnlyWhenValidUtf8WithoutControlOctetsOutside09To13() {
        Object[][] cases = {{"\t\n\r\u000b\u000c\u0010\u0013 text", "string"}, {"é✓😀", "string"}, {"", "string"},
            {"a\u0001b", "base64"}, {"a\u007fb", "base64"}, {"a\u0014b", "base64"}, {"a\u0000", "base64"}};
        for (Object[] c : cases) {
            byte[] data = ((String) c[0]).getBytes(StandardCharsets.UTF_8);
            assertEquals(c[1], format(roundTrip(HandleValue.of(1, "DESC", data))), (String) c[0]);
        }
        assertEquals("base64", format(roundTrip(HandleValue.of(1, "URL", new byte[] {'a', (byte) 0xC3}))));
        assertEquals("base64", format(roundTrip(HandleValue.of(1, "HS_SITE", new byte[] {1, 2, (byte) 0xFF}))));
    }

    @Test
    void permissionsTtlTimestampAndReferencesPrintAsTheReferencePrintsThem() {
        HandleValue v = new HandleValue(5, 0, HandleValue.TTL_ABSOLUTE, 1700043200, 0x0C, "HS_SECKEY",
                "secret".getBytes(StandardCharsets.UTF_8), List.of(new ValueReference("20.5000.1/x", 1)));
        assertEquals("{\"index\":5,\"type\":\"HS_SECKEY\",\"data\":{\"format\":\"string\",\"value\":\"secret\"},"
                + "\"permissions\":\"1100\",\"ttl\":\"2023-11-15T10:13:20Z\","
                + "\"references\":[{\"handle\":\"20.5000.1/x\",\"index\":1}]}", roundTrip(v));
        HandleValue stamped = new HandleValue(1, -1, 0, -5, 0x0F, "URL", new byte[0], List.of());
        assertEquals("{\"index\":1,\"type\":\"URL\",\"data\":{\"format\":\"string\",\"value\":\"\"},"
                + "\"permissions\":\"1111\",\"ttl\":-5,\"timestamp\":\"1969-12-31T23:59:59Z\"}", roundTrip(stamped));
    }

    @Test
    void aSiteWithEveryOptionalMemberRoundTrips() {
        SiteInfo.ServerInfo v6 = new SiteInfo.ServerInfo(7, HEX.parseHex("20010db8000000000000000000000001"),
                new byte[0], List.of(new SiteInfo.ServerInterface(0, 3, 443), new SiteInfo.ServerInterface(1, 7, 9)));
        SiteInfo site = new SiteInfo(1, 2, 11, 65535, SiteInfo.MULTI_PRIMARY, 0, "abc".getBytes(StandardCharsets.UTF_8),
                List.of(new SiteInfo.Attribute("desc", "x"), new SiteInfo.Attribute("domain", "é")), List.of(v6));
        String json = roundTrip(HandleValue.of(400, "HS_SITE.PREFIX", SiteInfoCodec.encode(site)));
        assertTrue(json.contains("{\"version\":1,\"protocolVersion\":\"2.11\",\"serialNumber\":65535,"
                + "\"primarySite\":false,\"multiPrimary\":true,\"hashOption\":0,\"hashFilter\":\"abc\","
                + "\"attributes\":[{\"name\":\"desc\",\"value\":\"x\"},{\"name\":\"domain\",\"value\":\"é\"}],"
                + "\"servers\":[{\"serverId\":7,\"address\":\"2001:db8::1\","
                + "\"publicKey\":{\"format\":\"base64\",\"value\":\"\"},"
                + "\"interfaces\":[{\"query\":false,\"admin\":false,\"protocol\":\"HTTPS\",\"port\":443},"
                + "{\"query\":false,\"admin\":true,\"protocol\":7,\"port\":9}]}]}"), json);
    }

    @Test
    void siteDataPrintsAsASiteOnlyForTheThreeSiteTypesAndOnlyWhenExact() {
        SiteInfo site = new SiteInfo(1, 2, 10, 1, SiteInfo.PRIMARY, 2, null, List.of(),
                List.of(new SiteInfo.ServerInfo(1, IPV4, new byte[0], List.of())));
        byte[] data = SiteInfoCodec.encode(site);
        assertEquals("site", format(roundTrip(HandleValue.of(1, "HS_NA_DELEGATE", data))));
        assertEquals("site", format(roundTrip(HandleValue.of(1, "hs_site", data))));
        assertEquals("base64", format(roundTrip(HandleValue.of(1, "HS_SITE.6", data))));
        byte[] oddMask = data.clone();
        oddMask[6] = 0x20;
        assertEquals("base64", format(roundTrip(HandleValue.of(1, "HS_SITE", oddMask))));
    }
}
