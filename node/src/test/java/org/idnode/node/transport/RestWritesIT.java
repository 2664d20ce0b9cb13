package org.idnode.node.transport;

import static org.idnode.node.transport.RestFixture.ADMIN;
import static org.idnode.node.transport.RestFixture.PREFIX;
import static org.idnode.node.transport.RestFixture.ROOT;
import static org.idnode.node.transport.RestFixture.SECRET;
import static org.idnode.node.transport.RestFixture.STRANGER;
import static org.idnode.node.transport.RestFixture.basic;
import static org.idnode.node.transport.RestFixture.json;
import static org.idnode.node.transport.RestFixture.values;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * REST writes through the registrar (handle-protocol.md §18), on plain HTTP from loopback with
 * allowPlainHttpAuth, authenticated with Basic and an HS_SECKEY.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RestWritesIT {
    static final String AS_ADMIN = basic(ADMIN, SECRET);

    @TempDir
    static Path dir;
    RestFixture f;

    @BeforeAll
    void start() throws Exception {
        f = RestFixture.start(dir, RestFixture.plainClient(),
                c -> c.withRest(c.rest().withAllowPlainHttpAuth(true)));
    }

    @AfterAll
    void stop() {
        f.close();
    }

    HttpResponse<String> put(String handle, String body) throws Exception {
        return f.send("PUT", "/api/handles/" + handle, AS_ADMIN, body);
    }

    @Test
    void aPutCreatesTheHandleWith201AndAGetReturnsItsValues() throws Exception {
        HttpResponse<String> r = put(PREFIX + "/PUMP-1", values("https://factory.example.com/pump/1"));
        assertEquals(201, r.statusCode(), r.body());
        assertEquals("{\"responseCode\":1,\"handle\":\"" + PREFIX + "/PUMP-1\"}", r.body());
        JsonNode got = json(f.send("GET", "/api/handles/" + PREFIX + "/PUMP-1", null, null));
        assertEquals("https://factory.example.com/pump/1", got.get("values").get(0).get("data").get("value").asText());
        assertEquals("admin", got.get("values").get(1).get("data").get("format").asText());
        assertEquals(ADMIN, got.get("values").get(1).get("data").get("value").get("handle").asText());
    }

    @Test
    void aPutOverAnExistingHandleReplacesItWith200() throws Exception {
        assertEquals(201, put(PREFIX + "/REPLACED", values("https://a.example.com/")).statusCode());
        HttpResponse<String> r = put(PREFIX + "/REPLACED", "{\"handle\":\"" + PREFIX + "/REPLACED\",\"values\":"
                + values("https://b.example.com/") + "}");
        assertEquals(200, r.statusCode(), r.body());
        JsonNode got = json(f.send("GET", "/api/handles/" + PREFIX + "/REPLACED?index=1", null, null));
        assertEquals("https://b.example.com/", got.get("values").get(0).get("data").get("value").asText());
    }

    @Test
    void overwriteFalseIs409ForOtherValuesAnd201ForTheSameValues() throws Exception {
        assertEquals(201, put(PREFIX + "/KEPT", values("https://a.example.com/")).statusCode());
        HttpResponse<String> same = f.send("PUT", "/api/handles/" + PREFIX + "/KEPT?overwrite=false", AS_ADMIN,
                values("https://a.example.com/"));
        assertEquals(201, same.statusCode(), same.body());
        HttpResponse<String> other = f.send("PUT", "/api/handles/" + PREFIX + "/KEPT?overwrite=false", AS_ADMIN,
                values("https://b.example.com/"));
        assertEquals(409, other.statusCode(), other.body());
        assertEquals(101, json(other).get("responseCode").asInt());
        JsonNode got = json(f.send("GET", "/api/handles/" + PREFIX + "/KEPT?index=1", null, null));
        assertEquals("https://a.example.com/", got.get("values").get(0).get("data").get("value").asText());
    }

    @Test
    void mintNewSuffixCreatesAHandleUnderThePrefixAndNamesIt() throws Exception {
        HttpResponse<String> r = f.send("PUT", "/api/handles/" + PREFIX + "/?mintNewSuffix=true", AS_ADMIN,
                values("https://minted.example.com/"));
        assertEquals(201, r.statusCode(), r.body());
        String minted = json(r).get("handle").asText();
        assertTrue(minted.startsWith(PREFIX + "/") && minted.length() > PREFIX.length() + 1, minted);
        assertEquals(List.of("1:URL", "100:HS_ADMIN"), f.stored(minted));
    }

    @Test
    void aPutWithIndexAddsOrReplacesThoseValuesOnly() throws Exception {
        assertEquals(201, put(PREFIX + "/ADDED", values("https://a.example.com/")).statusCode());
        HttpResponse<String> added = f.send("PUT", "/api/handles/" + PREFIX + "/ADDED?index=2", AS_ADMIN,
                "{\"index\":2,\"type\":\"DESC\",\"data\":\"Centrifugal pump\"}");
        assertEquals(201, added.statusCode(), added.body());
        HttpResponse<String> replaced = f.send("PUT", "/api/handles/" + PREFIX + "/ADDED?index=various", AS_ADMIN,
                "[{\"index\":2,\"type\":\"DESC\",\"data\":\"Axial pump\"}]");
        assertEquals(200, replaced.statusCode(), replaced.body());
        assertEquals(List.of("1:URL", "100:HS_ADMIN", "2:DESC"), f.stored(PREFIX + "/ADDED"));
        HttpResponse<String> mismatch = f.send("PUT", "/api/handles/" + PREFIX + "/ADDED?index=3", AS_ADMIN,
                "[{\"index\":2,\"type\":\"DESC\",\"data\":\"x\"}]");
        assertEquals(400, mismatch.statusCode(), mismatch.body());
        assertEquals(4, json(mismatch).get("responseCode").asInt());
    }

    @Test
    void aDeleteWithIndexRemovesThoseValuesAndWithoutItTheHandle() throws Exception {
        assertEquals(201, put(PREFIX + "/DELETED", "[{\"index\":1,\"type\":\"URL\",\"data\":\"https://a/\"},"
                + "{\"index\":2,\"type\":\"DESC\",\"data\":\"d\"}," + RestFixture.adminValue(ADMIN) + "]").statusCode());
        HttpResponse<String> removed = f.send("DELETE", "/api/handles/" + PREFIX + "/DELETED?index=2", AS_ADMIN, null);
        assertEquals(200, removed.statusCode(), removed.body());
        assertEquals(List.of("1:URL", "100:HS_ADMIN"), f.stored(PREFIX + "/DELETED"));
        HttpResponse<String> deleted = f.send("DELETE", "/api/handles/" + PREFIX + "/DELETED", AS_ADMIN, null);
        assertEquals(200, deleted.statusCode(), deleted.body());
        assertEquals("{\"responseCode\":1,\"handle\":\"" + PREFIX + "/DELETED\"}", deleted.body());
        assertNull(f.stored(PREFIX + "/DELETED"));
        assertEquals(404, f.send("GET", "/api/handles/" + PREFIX + "/DELETED", null, null).statusCode());
    }

    @Test
    void removingAMissingIndexIs400WithRc200() throws Exception {
        assertEquals(201, put(PREFIX + "/NO-INDEX-9", values("https://a/")).statusCode());
        HttpResponse<String> r = f.send("DELETE", "/api/handles/" + PREFIX + "/NO-INDEX-9?index=9", AS_ADMIN, null);
        assertEquals(400, r.statusCode(), r.body());
        assertEquals(200, json(r).get("responseCode").asInt());
    }

    @Test
    void withoutAuthenticationAWriteIs401WithAHandleChallengeAndNothingIsStored() throws Exception {
        HttpResponse<String> r = f.send("PUT", "/api/handles/" + PREFIX + "/ANONYMOUS", null, values("https://a/"));
        assertEquals(401, r.statusCode(), r.body());
        assertEquals(402, json(r).get("responseCode").asInt());
        List<String> challenges = r.headers().allValues("WWW-Authenticate");
        assertTrue(challenges.stream().anyMatch(h -> h.matches("Handle sessionId=\"[^\"]+\", nonce=\"[^\"]+\"")),
                challenges.toString());
        assertNull(f.stored(PREFIX + "/ANONYMOUS"));
    }

    @Test
    void aWrongSecretIs403WithRc403AndNothingIsStored() throws Exception {
        HttpResponse<String> r = f.send("PUT", "/api/handles/" + PREFIX + "/WRONG-SECRET", basic(ADMIN, "not-it"),
                values("https://a/"));
        assertEquals(403, r.statusCode(), r.body());
        assertEquals(403, json(r).get("responseCode").asInt());
        assertNull(f.stored(PREFIX + "/WRONG-SECRET"));
    }

    @Test
    void anIdentityNoHsAdminNamesIs403WithRc400AndNothingIsStored() throws Exception {
        HttpResponse<String> r = f.send("PUT", "/api/handles/" + PREFIX + "/STRANGERS", basic(STRANGER, SECRET),
                values("https://a/"));
        assertEquals(403, r.statusCode(), r.body());
        assertEquals(400, json(r).get("responseCode").asInt());
        assertNull(f.stored(PREFIX + "/STRANGERS"));
    }

    @Test
    void badInputIs400WithAClearMessageAndNothingIsStored() throws Exception {
        String h = "/api/handles/" + PREFIX + "/BAD";
        StringBuilder many = new StringBuilder("[");
        for (int i = 1; i <= 2049; i++) {
            many.append(i == 1 ? "" : ",").append("{\"index\":").append(i).append(",\"type\":\"T\",\"data\":\"x\"}");
        }
        String brokenAdmin = "[{\"index\":100,\"type\":\"HS_ADMIN\",\"data\":{\"format\":\"base64\",\"value\":\"AAAA\"}}]";
        record Case(String what, HttpResponse<String> r, int rc, String says) {
        }
        List<Case> cases = List.of(
                new Case("not JSON", f.send("PUT", h, AS_ADMIN, "[{\"index\":1,"), 4, "JSON"),
                new Case("not declared JSON", f.send("PUT", f.uri(h), AS_ADMIN, values("https://a/"), "text/plain"), 4,
                        "Content-Type"),
                new Case("too many values", f.send("PUT", h, AS_ADMIN, many.append("]").toString()), 202, "at most 2048"),
                new Case("a malformed HS_ADMIN", f.send("PUT", h, AS_ADMIN, brokenAdmin), 202, "HS_ADMIN"),
                new Case("an invalid handle", f.send("PUT", "/api/handles/NOSLASH", AS_ADMIN, values("https://a/")), 102,
                        "not a handle"),
                new Case("a body naming another handle", f.send("PUT", h, AS_ADMIN, "{\"handle\":\"" + PREFIX
                        + "/OTHER\",\"values\":" + values("https://a/") + "}"), 4, "the same"));
        for (Case c : cases) {
            assertEquals(400, c.r().statusCode(), c.what() + ": " + c.r().body());
            assertEquals(c.rc(), json(c.r()).get("responseCode").asInt(), c.what() + ": " + c.r().body());
            assertTrue(json(c.r()).get("message").asText().contains(c.says()), c.what() + ": " + c.r().body());
        }
        assertNull(f.stored(PREFIX + "/BAD"));
        assertNull(f.stored("NOSLASH"));
    }

    @Test
    void listingHandlesPagesThemWithTheTotalAsAString() throws Exception {
        for (int i = 0; i < 3; i++) {
            assertEquals(201, put(PREFIX + "/LISTED-" + i, values("https://l/" + i)).statusCode());
        }
        HttpResponse<String> r = f.send("GET", "/api/handles?prefix=" + PREFIX + "&page=0&pageSize=2", AS_ADMIN, null);
        assertEquals(200, r.statusCode(), r.body());
        JsonNode body = json(r);
        assertEquals(1, body.get("responseCode").asInt());
        assertEquals(PREFIX, body.get("prefix").asText());
        assertTrue(body.get("totalCount").isTextual(), r.body());
        assertTrue(Long.parseLong(body.get("totalCount").asText()) >= 3, r.body());
        assertEquals(2, body.get("handles").size(), r.body());
        HttpResponse<String> tooBig = f.send("GET", "/api/handles?prefix=" + PREFIX + "&pageSize=100000", AS_ADMIN, null);
        assertEquals(400, tooBig.statusCode(), tooBig.body());
    }

    @Test
    void listingHandlesNeedsAnIdentityWithListHandles() throws Exception {
        assertEquals(401, f.send("GET", "/api/handles?prefix=" + PREFIX, null, null).statusCode());
        HttpResponse<String> stranger = f.send("GET", "/api/handles?prefix=" + PREFIX, basic(STRANGER, SECRET), null);
        assertEquals(403, stranger.statusCode(), stranger.body());
        assertEquals(400, json(stranger).get("responseCode").asInt());
    }

    @Test
    void serverAdministratorsListHomeAndUnhomePrefixes() throws Exception {
        String asRoot = basic(ROOT, SECRET);
        HttpResponse<String> homed = f.send("POST", "/api/prefixes/99.7", asRoot, null);
        assertEquals(200, homed.statusCode(), homed.body());
        JsonNode list = json(f.send("GET", "/api/prefixes", asRoot, null));
        assertEquals(List.of("0.NA/88.118.8", "0.NA/99.7"), JSON_LIST(list.get("prefixes")));
        HttpResponse<String> unhomed = f.send("DELETE", "/api/prefixes/99.7", asRoot, null);
        assertEquals(200, unhomed.statusCode(), unhomed.body());
        assertEquals(List.of("0.NA/88.118.8"), JSON_LIST(json(f.send("GET", "/api/prefixes", asRoot, null)).get("prefixes")));
    }

    @Test
    void aPrefixAdministratorMayNotHomePrefixes() throws Exception {
        HttpResponse<String> r = f.send("POST", "/api/prefixes/99.8", AS_ADMIN, null);
        assertEquals(403, r.statusCode(), r.body());
        assertEquals(400, json(r).get("responseCode").asInt());
        assertEquals(403, f.send("GET", "/api/prefixes", AS_ADMIN, null).statusCode());
    }

    @Test
    void anAuthenticatedReaderWithReadValueSeesAdminReadableValues() throws Exception {
        assertEquals(201, put(PREFIX + "/SECRET-VALUE", "[{\"index\":1,\"type\":\"URL\",\"data\":\"https://public/\"},"
                + "{\"index\":2,\"type\":\"NOTE\",\"data\":\"for admins\",\"permissions\":\"1100\"},"
                + RestFixture.adminValue(ADMIN) + "]").statusCode());
        String path = "/api/handles/" + PREFIX + "/SECRET-VALUE?type=NOTE";
        assertEquals(200, json(f.send("GET", path, null, null)).get("responseCode").asInt(), "anonymous: hidden");
        JsonNode admin = json(f.send("GET", path, AS_ADMIN, null));
        assertEquals("for admins", admin.get("values").get(0).get("data").get("value").asText());
        assertEquals(200, json(f.send("GET", path + "&publicOnly=true", AS_ADMIN, null)).get("responseCode").asInt(),
                "publicOnly asked: hidden");
        assertEquals(200, json(f.send("GET", path, basic(STRANGER, SECRET), null)).get("responseCode").asInt(),
                "no READ_VALUE: hidden");
    }

    @Test
    void theHandleSchemeWithAnHmacSha256SecretAnswerAuthenticates() throws Exception {
        HttpResponse<String> challenged = f.send("PUT", "/api/handles/" + PREFIX + "/HMAC", null, values("https://h/"));
        java.util.regex.Matcher m = challenged.headers().allValues("WWW-Authenticate").stream()
                .map(java.util.regex.Pattern.compile("Handle sessionId=\"([^\"]+)\", nonce=\"([^\"]+)\"")::matcher)
                .filter(java.util.regex.Matcher::matches).findFirst().orElseThrow();
        byte[] nonce = java.util.Base64.getDecoder().decode(m.group(2));
        byte[] cnonce = "client-nonce-123".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec(SECRET.getBytes(java.nio.charset.StandardCharsets.UTF_8), "HmacSHA256"));
        mac.update(nonce);
        byte[] signature = mac.doFinal(cnonce);
        String answer = "Handle sessionId=\"" + m.group(1) + "\", id=\"301%3A" + PREFIX + "%2FADMIN\", type=\"HS_SECKEY\", "
                + "cnonce=\"" + java.util.Base64.getEncoder().encodeToString(cnonce) + "\", alg=\"HMAC-SHA256\", "
                + "signature=\"" + java.util.Base64.getEncoder().encodeToString(signature) + "\"";
        HttpResponse<String> r = f.send("PUT", "/api/handles/" + PREFIX + "/HMAC", answer, values("https://h/"));
        assertEquals(201, r.statusCode(), r.body());
        assertEquals(List.of("1:URL", "100:HS_ADMIN"), f.stored(PREFIX + "/HMAC"));
    }

    @Test
    void theHandleSchemeWithAPbkdf2SecretAnswerAuthenticates() throws Exception {
        HttpResponse<String> challenged = f.send("PUT", "/api/handles/" + PREFIX + "/PBKDF2", null, values("https://p/"));
        java.util.regex.Matcher m = challenged.headers().allValues("WWW-Authenticate").stream()
                .map(java.util.regex.Pattern.compile("Handle sessionId=\"([^\"]+)\", nonce=\"([^\"]+)\"")::matcher)
                .filter(java.util.regex.Matcher::matches).findFirst().orElseThrow();
        byte[] nonce = java.util.Base64.getDecoder().decode(m.group(2));
        byte[] cnonce = "another-cnonce-1".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] salt = "sixteen-octets!!".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] mac = org.idnode.protocol.auth.ChallengeAnswers.parseSeckeyAnswer(
                org.idnode.protocol.auth.ChallengeAnswers.seckeyAnswerPbkdf2(SECRET.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                        salt, 10_000, 160, nonce, cnonce)).mac();
        java.util.Base64.Encoder b64 = java.util.Base64.getEncoder();
        String answer = "Handle sessionId=\"" + m.group(1) + "\", id=\"301%3A" + PREFIX + "%2FADMIN\", type=\"HS_SECKEY\", "
                + "cnonce=\"" + b64.encodeToString(cnonce) + "\", alg=\"PBKDF2-HMAC-SHA1\", salt=\"" + b64.encodeToString(salt)
                + "\", iterations=\"10000\", length=\"160\", signature=\"" + b64.encodeToString(mac) + "\"";
        HttpResponse<String> r = f.send("PUT", "/api/handles/" + PREFIX + "/PBKDF2", answer, values("https://p/"));
        assertEquals(201, r.statusCode(), r.body());
    }

    @Test
    void basicAlsoTakesTheIdentityUnencodedAsCurlSendsIt() throws Exception {
        String unencoded = "Basic " + java.util.Base64.getEncoder().encodeToString(
                ("301:" + ADMIN + ":" + SECRET).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        HttpResponse<String> r = f.send("PUT", "/api/handles/" + PREFIX + "/CURL", unencoded, values("https://c/"));
        assertEquals(201, r.statusCode(), r.body());
    }

    @Test
    void anUnknownSessionIs401WithAFreshChallenge() throws Exception {
        HttpResponse<String> r = f.send("PUT", "/api/handles/" + PREFIX + "/NO-SESSION", "Handle sessionId=\"nope\"",
                values("https://h/"));
        assertEquals(401, r.statusCode(), r.body());
        assertEquals(500, json(r).get("responseCode").asInt());
        assertTrue(r.headers().allValues("WWW-Authenticate").stream().anyMatch(h -> h.startsWith("Handle sessionId=")));
        assertNull(f.stored(PREFIX + "/NO-SESSION"));
    }

    static List<String> JSON_LIST(JsonNode array) {
        List<String> out = new java.util.ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
