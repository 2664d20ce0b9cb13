package org.idnode.node.transport;

import static org.idnode.node.transport.RestFixture.ADMIN;
import static org.idnode.node.transport.RestFixture.PREFIX;
import static org.idnode.node.transport.RestFixture.SECRET;
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

/** {@code POST /api/batch} (node/README.md, "Batch"): bounded, in order, one result per operation, idempotent creates. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RestBatchIT {
    static final String AS_ADMIN = basic(ADMIN, SECRET);
    static final int MAX = 5;

    @TempDir
    static Path dir;
    RestFixture f;

    @BeforeAll
    void start() throws Exception {
        f = RestFixture.start(dir, RestFixture.plainClient(),
                c -> c.withRest(c.rest().withAllowPlainHttpAuth(true).withMaxBatchOperations(MAX)));
    }

    @AfterAll
    void stop() {
        f.close();
    }

    static String create(String handle, String url) {
        return "{\"op\":\"create\",\"handle\":\"" + handle + "\",\"values\":" + values(url) + "}";
    }

    HttpResponse<String> batch(String... operations) throws Exception {
        return f.send("POST", "/api/batch", AS_ADMIN, "{\"operations\":[" + String.join(",", operations) + "]}");
    }

    @Test
    void eachOperationIsAppliedAndReportedInOrder() throws Exception {
        HttpResponse<String> r = batch(create(PREFIX + "/B-1", "https://b/1"), create(PREFIX + "/B-2", "https://b/2"),
                "{\"op\":\"add\",\"handle\":\"" + PREFIX + "/B-1\",\"values\":[{\"index\":2,\"type\":\"DESC\",\"data\":\"d\"}]}",
                "{\"op\":\"remove\",\"handle\":\"" + PREFIX + "/B-1\",\"indexes\":[2]}",
                "{\"op\":\"delete\",\"handle\":\"" + PREFIX + "/B-2\"}");
        assertEquals(200, r.statusCode(), r.body());
        JsonNode results = json(r).get("results");
        assertEquals(5, results.size(), r.body());
        for (int i = 0; i < 5; i++) {
            assertEquals(1, results.get(i).get("responseCode").asInt(), r.body());
        }
        assertEquals(PREFIX + "/B-1", results.get(0).get("handle").asText());
        assertEquals(PREFIX + "/B-2", results.get(1).get("handle").asText());
        assertEquals(List.of("1:URL", "100:HS_ADMIN"), f.stored(PREFIX + "/B-1"));
        assertNull(f.stored(PREFIX + "/B-2"));
    }

    @Test
    void aRefusedOperationIsReportedWithItsCodeAndTheOthersStillApply() throws Exception {
        HttpResponse<String> r = batch(create(PREFIX + "/C-1", "https://c/1"),
                "{\"op\":\"delete\",\"handle\":\"" + PREFIX + "/C-MISSING\"}",
                create("99.9/ELSEWHERE", "https://c/2"));
        assertEquals(200, r.statusCode(), r.body());
        JsonNode results = json(r).get("results");
        assertEquals(1, results.get(0).get("responseCode").asInt());
        assertEquals(100, results.get(1).get("responseCode").asInt());
        assertTrue(results.get(1).get("message").asText().contains("not found"), r.body());
        assertEquals(301, results.get(2).get("responseCode").asInt());
        assertEquals(List.of("1:URL", "100:HS_ADMIN"), f.stored(PREFIX + "/C-1"));
    }

    @Test
    void aRetriedBatchSucceedsForCreatesWithTheSameValues() throws Exception {
        String[] ops = {create(PREFIX + "/R-1", "https://r/1"), create(PREFIX + "/R-2", "https://r/2")};
        HttpResponse<String> first = batch(ops);
        HttpResponse<String> again = batch(ops);
        assertEquals(first.body(), again.body());
        json(again).get("results").forEach(res -> assertEquals(1, res.get("responseCode").asInt(), again.body()));
        HttpResponse<String> changed = batch(create(PREFIX + "/R-1", "https://r/other"));
        assertEquals(101, json(changed).get("results").get(0).get("responseCode").asInt(), changed.body());
    }

    @Test
    void aBatchBodyMayBeLargerThanOtherBodiesUpToItsOwnBound() throws Exception {
        String big = "x".repeat(80_000);
        String[] ops = new String[MAX];
        for (int i = 0; i < MAX; i++) {
            ops[i] = create(PREFIX + "/BIG-" + i, "https://b/" + big + i);
        }
        HttpResponse<String> r = batch(ops);
        assertEquals(200, r.statusCode(), "a 400 KB batch is over maxFrameBytes and within maxBatchBytes");
        assertEquals(List.of("1:URL", "100:HS_ADMIN"), f.stored(PREFIX + "/BIG-4"));
        HttpResponse<String> put = f.send("PUT", "/api/handles/" + PREFIX + "/BIG-PUT", AS_ADMIN,
                "[" + String.join(",", java.util.Collections.nCopies(4, "{\"index\":1,\"type\":\"URL\",\"data\":\"" + big + "\"}")) + "]");
        assertEquals(413, put.statusCode(), "any other body keeps the maxFrameBytes bound");
        assertNull(f.stored(PREFIX + "/BIG-PUT"));
    }

    @Test
    void aBatchOverTheBoundIs400WithRc4AndNothingIsApplied() throws Exception {
        String[] ops = new String[MAX + 1];
        for (int i = 0; i < ops.length; i++) {
            ops[i] = create(PREFIX + "/OVER-" + i, "https://o/" + i);
        }
        HttpResponse<String> r = batch(ops);
        assertEquals(400, r.statusCode(), r.body());
        assertEquals(4, json(r).get("responseCode").asInt());
        assertTrue(json(r).get("message").asText().contains("at most " + MAX), r.body());
        for (int i = 0; i < ops.length; i++) {
            assertNull(f.stored(PREFIX + "/OVER-" + i));
        }
    }

    @Test
    void aBatchWithOneMalformedOperationIs400NamingItAndNothingIsApplied() throws Exception {
        HttpResponse<String> r = batch(create(PREFIX + "/M-1", "https://m/1"), "{\"op\":\"explode\",\"handle\":\"" + PREFIX + "/M-2\"}");
        assertEquals(400, r.statusCode(), r.body());
        assertTrue(json(r).get("message").asText().startsWith("operations[1].op"), r.body());
        assertNull(f.stored(PREFIX + "/M-1"));
    }

    @Test
    void aBatchWithoutAuthenticationIs401AndNothingIsApplied() throws Exception {
        HttpResponse<String> r = f.send("POST", "/api/batch", null, "{\"operations\":[" + create(PREFIX + "/U-1", "https://u") + "]}");
        assertEquals(401, r.statusCode(), r.body());
        assertNull(f.stored(PREFIX + "/U-1"));
    }
}
