package org.idnode.node.transport;

import static org.idnode.node.transport.RestFixture.ADMIN;
import static org.idnode.node.transport.RestFixture.PREFIX;
import static org.idnode.node.transport.RestFixture.PREFIX_HANDLE;
import static org.idnode.node.transport.RestFixture.SECRET;
import static org.idnode.node.transport.RestFixture.basic;
import static org.idnode.node.transport.RestFixture.json;
import static org.idnode.node.transport.RestFixture.values;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.Signature;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.idnode.node.Requests;
import org.idnode.protocol.ResponseCodes;
import org.idnode.protocol.message.ResolutionResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTTPS listener (handle-protocol.md §17, §18) with a self-signed certificate: REST with Basic
 * and with the {@code Handle} scheme and an RSA key, binary-over-HTTPS, and plain HTTP still
 * ignoring authentication (allowPlainHttpAuth off).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RestHttpsIT {
    static final Pattern CHALLENGE = Pattern.compile("Handle sessionId=\"([^\"]+)\", nonce=\"([^\"]+)\"");

    @TempDir
    static Path dir;
    RestFixture f;
    HttpClient https;

    @BeforeAll
    void start() throws Exception {
        SelfSignedCertificate cert = SelfSignedCertificate.make(dir);
        https = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).sslContext(cert.clientContext())
                .connectTimeout(Duration.ofSeconds(5)).build();
        f = RestFixture.start(dir, https, c -> c.withRest(c.rest().withHttps(0, cert.certificate(), cert.privateKey())));
    }

    @AfterAll
    void stop() {
        f.close();
    }

    URI secure(String pathAndQuery) {
        return URI.create("https://127.0.0.1:" + f.node.httpsAddress().getPort() + pathAndQuery);
    }

    @Test
    void basicAuthenticationOverHttpsCreatesAHandle() throws Exception {
        HttpResponse<String> r = f.send("PUT", secure("/api/handles/" + PREFIX + "/TLS-BASIC"), basic(ADMIN, SECRET),
                values("https://tls.example.com/"), "application/json");
        assertEquals(201, r.statusCode(), r.body());
        assertEquals(List.of("1:URL", "100:HS_ADMIN"), f.stored(PREFIX + "/TLS-BASIC"));
        HttpResponse<String> got = f.send("GET", secure("/api/handles/" + PREFIX + "/TLS-BASIC"), null, null, null);
        assertEquals("https://tls.example.com/", json(got).get("values").get(0).get("data").get("value").asText());
    }

    @Test
    void theHandleSchemeWithAnRsaKeyAuthenticatesASessionThatLaterRequestsName() throws Exception {
        String handle = PREFIX + "/TLS-HANDLE";
        URI uri = secure("/api/handles/" + handle);
        HttpResponse<String> challenged = f.send("PUT", uri, null, values("https://h/"), "application/json");
        assertEquals(401, challenged.statusCode(), challenged.body());
        Matcher m = challenged.headers().allValues("WWW-Authenticate").stream().map(CHALLENGE::matcher)
                .filter(Matcher::matches).findFirst().orElseThrow();
        String sessionId = m.group(1);
        byte[] nonce = Base64.getDecoder().decode(m.group(2));
        byte[] cnonce = new byte[16];
        new SecureRandom().nextBytes(cnonce);
        Signature s = Signature.getInstance("SHA256withRSA");
        s.initSign(f.prefixKey.getPrivate());
        s.update(nonce);
        s.update(cnonce);
        String answer = "Handle sessionId=\"" + sessionId + "\", id=\"" + pct("300:" + PREFIX_HANDLE)
                + "\", type=\"HS_PUBKEY\", cnonce=\"" + Base64.getEncoder().encodeToString(cnonce)
                + "\", alg=\"SHA256\", signature=\"" + Base64.getEncoder().encodeToString(s.sign()) + "\"";
        HttpResponse<String> created = f.send("PUT", uri, answer, values("https://h/"), "application/json");
        assertEquals(201, created.statusCode(), created.body());
        HttpResponse<String> deleted = f.send("DELETE", uri, "Handle sessionId=\"" + sessionId + "\"", null, null);
        assertEquals(200, deleted.statusCode(), deleted.body());
        assertNull(f.stored(handle));
    }

    @Test
    void aWrongSignatureIs403WithRc403AndNothingIsStored() throws Exception {
        URI uri = secure("/api/handles/" + PREFIX + "/TLS-FORGED");
        HttpResponse<String> challenged = f.send("PUT", uri, null, values("https://f/"), "application/json");
        Matcher m = challenged.headers().allValues("WWW-Authenticate").stream().map(CHALLENGE::matcher)
                .filter(Matcher::matches).findFirst().orElseThrow();
        String answer = "Handle sessionId=\"" + m.group(1) + "\", id=\"" + pct("300:" + PREFIX_HANDLE)
                + "\", type=\"HS_PUBKEY\", cnonce=\"AAAAAAAAAAAAAAAAAAAAAA==\", alg=\"SHA256\", signature=\""
                + Base64.getEncoder().encodeToString(new byte[256]) + "\"";
        HttpResponse<String> r = f.send("PUT", uri, answer, values("https://f/"), "application/json");
        assertEquals(403, r.statusCode(), r.body());
        assertEquals(403, json(r).get("responseCode").asInt());
        assertNull(f.stored(PREFIX + "/TLS-FORGED"));
    }

    @Test
    void thePlainHttpListenerIgnoresAuthenticationAndAnswers403() throws Exception {
        HttpResponse<String> r = f.send("PUT", "/api/handles/" + PREFIX + "/PLAIN", basic(ADMIN, SECRET), values("https://p/"));
        assertEquals(403, r.statusCode(), r.body());
        assertEquals(ResponseCodes.AUTHENTICATION_NEEDED, json(r).get("responseCode").asInt());
        assertNull(f.stored(PREFIX + "/PLAIN"));
    }

    @Test
    void theBinaryProtocolIsServedOverHttpsToo() throws Exception {
        HttpRequest req = HttpRequest.newBuilder(secure("/" + PREFIX_HANDLE.replace("/", "%2F")))
                .header("Content-Type", HttpRequestHandler.HDL_MESSAGE).header("Accept", HttpRequestHandler.HDL_MESSAGE)
                .POST(HttpRequest.BodyPublishers.ofByteArray(Requests.resolution(7, PREFIX_HANDLE))).build();
        HttpResponse<byte[]> r = https.send(req, HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, r.statusCode());
        ResolutionResponse res = (ResolutionResponse) Requests.decode(r.body()).body();
        assertNotNull(res);
        assertTrue(res.values().size() >= 2, res.toString());
    }

    static String pct(String s) {
        return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
