package org.idnode.node.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.buffer.Unpooled;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import org.idnode.node.Node;
import org.idnode.node.TestNodes;
import org.idnode.protocol.codec.MessageCodec;
import org.idnode.protocol.message.ResolutionResponse;
import org.idnode.protocol.model.HandleValue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The REST API against the reference JSON shape (handle-protocol.md §18): the golden bodies in
 * protocol/src/test/resources/handle-vectors/rest-*.json, made with the official library's serializer.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RestApiIT {
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    Node node;
    HttpClient http;
    Path vectors;

    @BeforeAll
    void start() throws Exception {
        vectors = Path.of(System.getProperty("idnode.vectors.dir", "../protocol/src/test/resources/handle-vectors"));
        node = TestNodes.start(dir, "20.5000.1");
        byte[] frame = HexFormat.of().parseHex(Files.readString(vectors.resolve("resolution-response-multi.hex")).trim());
        List<HandleValue> values = ((ResolutionResponse) MessageCodec.decode(Unpooled.wrappedBuffer(frame)).body()).values();
        TestNodes.put(node, "20.5000.1/abc", values);
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    }

    @AfterAll
    void stop() {
        node.close();
    }

    private HttpResponse<String> get(String pathAndQuery) throws Exception {
        URI uri = URI.create("http://127.0.0.1:" + node.httpAddress().getPort() + pathAndQuery);
        return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode golden(String name) throws Exception {
        return JSON.readTree(vectors.resolve(name).toFile());
    }

    @Test
    void resolutionBodyIsByteForByteTheReferenceServers() throws Exception {
        HttpResponse<String> r = get("/api/handles/20.5000.1/abc");
        assertEquals(200, r.statusCode());
        assertEquals(Files.readString(vectors.resolve("rest-resolution-response-multi.body.json")).trim(), r.body());
        assertTrue(r.headers().firstValue("content-type").orElse("").startsWith("application/json"));
    }

    @Test
    void prettyBodyHasTheSameContent() throws Exception {
        HttpResponse<String> r = get("/api/handles/20.5000.1/abc?pretty");
        assertTrue(r.body().contains("\n"), "pretty-printed");
        assertEquals(golden("rest-resolution-response-multi.json").get("body"), JSON.readTree(r.body()));
    }

    @Test
    void handleNotFoundIsA404WithTheReferenceBody() throws Exception {
        Node n = node;
        n.store().apply(org.idnode.node.storage.StoreChange.builder().delete(n.keys().key("20.5000.1/gone")).build());
        HttpResponse<String> r = get("/api/handles/20.5000.1/abc-missing");
        JsonNode g = golden("rest-error-handle-not-found.json");
        assertEquals(g.get("httpStatus").asInt(), r.statusCode());
        JsonNode body = JSON.readTree(r.body());
        assertEquals(100, body.get("responseCode").asInt());
        assertEquals("20.5000.1/abc-missing", body.get("handle").asText());
        assertEquals(g.get("body").size(), body.size(), "same members as the reference: " + r.body());
    }

    @Test
    void siteHasTheReferenceShape() throws Exception {
        HttpResponse<String> r = get("/api/site");
        assertEquals(200, r.statusCode());
        JsonNode body = JSON.readTree(r.body());
        JsonNode g = golden("rest-site.json").get("body");
        assertEquals(1, body.get("responseCode").asInt());
        List<String> expected = new java.util.ArrayList<>();
        g.get("site").fieldNames().forEachRemaining(expected::add);
        List<String> actual = new java.util.ArrayList<>();
        body.get("site").fieldNames().forEachRemaining(actual::add);
        assertEquals(expected, actual);
        assertEquals(node.tcpAddress().getPort(),
                body.get("site").get("servers").get(0).get("interfaces").get(0).get("port").asInt());
    }

    @Test
    void filtersByTypeAndIndexAsAUnion() throws Exception {
        JsonNode body = JSON.readTree(get("/api/handles/20.5000.1/abc?type=URL&index=100").body());
        assertEquals(2, body.get("values").size());
        assertEquals(1, body.get("values").get(0).get("index").asInt());
        assertEquals(100, body.get("values").get(1).get("index").asInt());
        assertEquals("admin", body.get("values").get(1).get("data").get("format").asText());
    }

    @Test
    void valuesNotFoundIsA200WithEmptyValues() throws Exception {
        HttpResponse<String> r = get("/api/handles/20.5000.1/abc?type=NOPE");
        assertEquals(200, r.statusCode());
        JsonNode body = JSON.readTree(r.body());
        assertEquals(200, body.get("responseCode").asInt());
        assertEquals(0, body.get("values").size());
    }

    @Test
    void decodesPercentEscapesInTheHandleAndKeepsPlus() throws Exception {
        TestNodes.put(node, "20.5000.1/a b+c", List.of(HandleValue.text(1, "URL", "x")));
        HttpResponse<String> r = get("/api/handles/20.5000.1%2Fa%20b+c");
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("20.5000.1/a b+c", JSON.readTree(r.body()).get("handle").asText());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "/api/handles/20.5000.1%2|400|102",
            "/api/handles/20.5000.1%zz|400|102",
            "/api/handles/20.5000.1%FF%FE|400|102",
            "/api/handles/|400|102",
            "/api/handles/20.5000.1/abc?index=one|400|4",
            "/api/handles/20.5000.1/abc?type=%zz|400|4",
            "/api/handles/99.9/abc|400|301",
            "/api/nothing|404|4"})
    void answersMalformedRequestsWithAClearError(String path, int status, int rc) throws Exception {
        // A raw socket: java.net.http refuses to send a malformed URL at all.
        try (java.net.Socket s = new java.net.Socket("127.0.0.1", node.httpAddress().getPort())) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            String raw = new String(s.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertTrue(raw.startsWith("HTTP/1.1 " + status + " "), raw);
            JsonNode body = JSON.readTree(raw.substring(raw.indexOf("\r\n\r\n") + 4));
            assertEquals(rc, body.get("responseCode").asInt(), raw);
            assertTrue(body.get("message").asText().length() > 0 || rc == 301, raw);
        }
    }

    @Test
    void aWriteOnPlainHttpIs403AndItsAuthorizationIgnored() throws Exception {
        // §18: on plain HTTP authentication is ignored (allowPlainHttpAuth is off by default) and 401 becomes 403.
        URI uri = URI.create("http://127.0.0.1:" + node.httpAddress().getPort() + "/api/handles/20.5000.1/abc");
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri).DELETE()
                .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(
                        "301%3A20.5000.1%2FADMIN:secret".getBytes(java.nio.charset.StandardCharsets.UTF_8))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(403, r.statusCode(), r.body());
        assertEquals(402, JSON.readTree(r.body()).get("responseCode").asInt());
        assertTrue(node.store().get(node.keys().key("20.5000.1/abc")) != null, "nothing deleted");
    }

    @Test
    void servesManyRequestsOnOneKeptAliveConnection() throws Exception {
        for (int i = 0; i < 200; i++) {
            assertEquals(200, get("/api/handles/20.5000.1/abc?type=URL").statusCode());
        }
    }
}
