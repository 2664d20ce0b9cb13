package org.idnode.node.transport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.idnode.node.Node;
import org.idnode.node.TestNodes;
import org.idnode.node.config.AuthSettings;
import org.idnode.node.config.NodeConfig;
import org.idnode.node.storage.StoredRecord;
import org.idnode.protocol.auth.PublicKeys;
import org.idnode.protocol.codec.AdminRecordCodec;
import org.idnode.protocol.codec.ValueListCodec;
import org.idnode.protocol.model.AdminRecord;
import org.idnode.protocol.model.HandleValue;
import org.idnode.protocol.model.ValueList;
import org.idnode.protocol.model.ValueReference;

/**
 * A node for REST write tests, in a temporary folder with real RocksDB, and its identities: the
 * prefix administrator {@code 300:0.NA/88.118.8} (an RSA key, adminKeyFile), the server administrator
 * {@code 301:88.118.8/ROOT} (a secret), the registrar {@code 301:88.118.8/ADMIN} (a secret; may create
 * and list through a group the prefix handle's HS_ADMIN names) and {@code 301:88.118.8/STRANGER} (a
 * secret, named by no HS_ADMIN).
 */
final class RestFixture implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String PREFIX = "88.118.8";
    static final String PREFIX_HANDLE = "0.NA/" + PREFIX;
    static final String ADMIN = PREFIX + "/ADMIN";
    static final String ROOT = PREFIX + "/ROOT";
    static final String STRANGER = PREFIX + "/STRANGER";
    static final String SECRET = "s3cret-for-tests";

    final Node node;
    final KeyPair prefixKey;
    final HttpClient http;

    private RestFixture(Node node, KeyPair prefixKey, HttpClient http) {
        this.node = node;
        this.prefixKey = prefixKey;
        this.http = http;
    }

    interface Configure {
        NodeConfig apply(NodeConfig c);
    }

    static RestFixture start(Path dir, HttpClient http, Configure configure) throws Exception {
        KeyPairGenerator gen = KeyPairGenerator.getInstance("RSA");
        gen.initialize(2048);
        KeyPair key = gen.generateKeyPair();
        Path keyFile = dir.resolve("admpub.bin");
        Files.write(keyFile, PublicKeys.encode(key.getPublic()));
        NodeConfig c = TestNodes.config(dir.resolve("node"), PREFIX).withAuth(AuthSettings.defaults()
                .withAdminKeyFile(keyFile).withServerAdmins(List.of("300:" + PREFIX_HANDLE, "301:" + ROOT)));
        Node node = Node.start(configure.apply(c));
        // The prefix handle as the node made it, plus a group (index 200) and an HS_ADMIN for the group (index 101).
        List<HandleValue> prefixValues = new ArrayList<>(StoredRecord.decode(node.store().get(node.keys().key(PREFIX_HANDLE))));
        prefixValues.add(HandleValue.of(200, "HS_VLIST", ValueListCodec.encode(new ValueList(List.of(new ValueReference(ADMIN, 301))))));
        prefixValues.add(HandleValue.of(101, "HS_ADMIN", AdminRecordCodec.encode(new AdminRecord(
                AdminRecord.ADD_HANDLE | AdminRecord.LIST_HANDLES, PREFIX_HANDLE, 200))));
        TestNodes.put(node, PREFIX_HANDLE, prefixValues);
        for (String id : List.of(ADMIN, ROOT, STRANGER)) {
            TestNodes.put(node, id, List.of(HandleValue.of(301, "HS_SECKEY", SECRET.getBytes(StandardCharsets.UTF_8))));
        }
        return new RestFixture(node, key, http);
    }

    static HttpClient plainClient() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    }

    /** {@code Basic base64(pct("index:handle") ":" secret)} (§18). */
    static String basic(String handle, String secret) {
        String id = java.net.URLEncoder.encode("301:" + handle, StandardCharsets.UTF_8);
        return "Basic " + Base64.getEncoder().encodeToString((id + ":" + secret).getBytes(StandardCharsets.UTF_8));
    }

    /** An HS_ADMIN value in REST JSON granting {@code 301:handle} everything (§18 admin format). */
    static String adminValue(String handle) {
        return "{\"index\":100,\"type\":\"HS_ADMIN\",\"data\":{\"format\":\"admin\",\"value\":{\"handle\":\"" + handle
                + "\",\"index\":301,\"permissions\":\"111111111111\"}}}";
    }

    /** A URL value and an HS_ADMIN for the registrar: what a registration usually holds. */
    static String values(String url) {
        return "[{\"index\":1,\"type\":\"URL\",\"data\":\"" + url + "\"}," + adminValue(ADMIN) + "]";
    }

    URI uri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + node.httpAddress().getPort() + pathAndQuery);
    }

    HttpResponse<String> send(String method, String pathAndQuery, String authorization, String body) throws Exception {
        return send(method, uri(pathAndQuery), authorization, body, "application/json");
    }

    HttpResponse<String> send(String method, URI uri, String authorization, String body, String contentType) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(20))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null && contentType != null) {
            b.header("Content-Type", contentType);
        }
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static JsonNode json(HttpResponse<String> r) throws Exception {
        return JSON.readTree(r.body());
    }

    /** The stored values of {@code handle} as {@code index:type}, or null when there is no such handle. */
    List<String> stored(String handle) {
        byte[] record = node.store().get(node.keys().key(handle));
        if (record == null) {
            return null;
        }
        List<String> out = new ArrayList<>();
        for (HandleValue v : StoredRecord.decode(record)) {
            out.add(v.index() + ":" + v.type());
        }
        return out;
    }

    @Override
    public void close() {
        node.close();
    }
}
