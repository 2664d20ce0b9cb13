package org.idnode.bench.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.idnode.protocol.ResponseCodes;
import org.idnode.protocol.json.RestResponses;
import org.idnode.protocol.message.ResolutionResponse;
import org.idnode.protocol.model.HandleValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tool against servers that misbehave on purpose: each kind of error is counted as that kind,
 * and the run exits with status 1. The canned server (the ceiling tool) plays them, given another
 * responder.
 */
class LoadToolErrorsIT {
    @TempDir
    Path dir;

    /** Answers with {@code frame} carrying request id + {@code idDelta}, HTTP with {@code json}; null = silence. */
    private static CannedServer.Responder responder(byte[] frame, int idDelta, HttpResponseStatus status, byte[] json) {
        return new CannedServer.Responder() {
            @Override
            public ByteBuf binary(ByteBufAllocator alloc, int requestId) {
                return frame == null ? null : CannedReplies.withRequestId(alloc, frame, requestId + idDelta);
            }

            @Override
            public FullHttpResponse http() {
                return json == null ? null : CannedReplies.http(status, json);
            }
        };
    }

    private ToolRun run(CannedServer.Responder responder, String... args) throws Exception {
        try (CannedServer server = new CannedServer("127.0.0.1", 0, 0, 1, responder)) {
            List<String> all = new ArrayList<>(List.of("--port", String.valueOf(server.tcpAddress().getPort()),
                    "--http-port", String.valueOf(server.httpAddress().getPort()),
                    "--prefix", "88.118.8", "--count", "100", "--duration", "1s", "--warmup", "0s",
                    "--timeout", "200ms", "--threads", "1", "--connections", "2", "--in-flight", "4"));
            all.addAll(List.of(args));
            return ToolRun.of(dir, all.toArray(String[]::new));
        }
    }

    @Test
    void cannedServerPassesOnEveryTransport() throws Exception {
        for (String t : new String[] {"udp", "tcp", "tcp-oneshot", "http"}) {
            ToolRun r = run(CannedServer.canned(), "-t", t, "--duration", "300ms", "--expect-values", "2");
            assertEquals(0, r.exit(), r::toString);
            assertEquals(0, r.json().path("errors").asLong(), r::toString);
            assertTrue(r.json().path("ok").asLong() > 0, r::toString);
        }
    }

    @Test
    void reassemblesRepliesSplitOverSeveralDatagrams() throws Exception {
        List<HandleValue> values = new ArrayList<>();
        for (int i = 1; i <= 6; i++) {
            values.add(HandleValue.text(i, "DESC", "d".repeat(300)));
        }
        byte[] big = CannedReplies.frame(ResponseCodes.SUCCESS, new ResolutionResponse(CannedReplies.HANDLE, values));
        assertTrue(big.length > 3 * 492);
        ToolRun r = run(responder(big, 0, null, null), "-t", "udp", "--duration", "500ms", "--expect-values", "6");
        assertEquals(0, r.exit(), r::toString);
        assertEquals(0, r.json().path("errors").asLong(), r::toString);
        assertTrue(r.json().path("ok").asLong() > 0, r::toString);
    }

    @Test
    void countsRepliesWithAnotherRequestIdAsWrongRequestId() throws Exception {
        ToolRun r = run(responder(CannedReplies.resolution(), 1_000_000, null, null), "-t", "udp");
        assertEquals(1, r.exit(), r::toString);
        assertTrue(r.errors("wrong_request_id") > 0, r::toString);
        assertTrue(r.errors("timeout") > 0, r::toString); // the real requests were never answered
        assertEquals(0, r.json().path("ok").asLong(), r::toString);
    }

    @Test
    void countsAnErrorCodeAsWrongResponseCode() throws Exception {
        ToolRun r = run(responder(CannedReplies.error(ResponseCodes.SERVER_TOO_BUSY, "busy"), 0, null, null), "-t", "tcp");
        assertEquals(1, r.exit(), r::toString);
        assertTrue(r.errors("wrong_response_code") > 0, r::toString);
        assertEquals(r.json().path("errors").asLong(), r.errors("wrong_response_code"), r::toString);
        assertTrue(r.json().path("wrongResponseCodes").has("3 RC_SERVER_TOO_BUSY"), r::toString);
    }

    @Test
    void countsASuccessForAnAbsentHandleAsWrongResponseCode() throws Exception {
        ToolRun r = run(CannedServer.canned(), "-t", "http", "--miss-ratio", "0.5");
        assertEquals(1, r.exit(), r::toString);
        assertTrue(r.errors("wrong_response_code") > 0, r::toString);
        assertTrue(r.json().path("ok").asLong() > 0, r::toString);
    }

    @Test
    void countsAnHttpErrorStatusAsWrongResponseCode() throws Exception {
        byte[] body = RestResponses.error(ResponseCodes.ERROR, null, "boom", false);
        ToolRun r = run(responder(null, 0, HttpResponseStatus.INTERNAL_SERVER_ERROR, body), "-t", "http");
        assertEquals(1, r.exit(), r::toString);
        assertTrue(r.errors("wrong_response_code") > 0, r::toString);
    }

    @Test
    void countsTooFewValuesAsWrongValueCount() throws Exception {
        ToolRun r = run(CannedServer.canned(), "-t", "tcp", "--expect-values", "3");
        assertEquals(1, r.exit(), r::toString);
        assertTrue(r.errors("wrong_value_count") > 0, r::toString);
    }

    @Test
    void countsGarbageAsDecodeError() throws Exception {
        byte[] garbage = CannedReplies.resolution();
        garbage[0] = 9; // majorVersion 9 is not this protocol
        ToolRun r = run(responder(garbage, 0, HttpResponseStatus.OK, "not json".getBytes(StandardCharsets.UTF_8)),
                "-t", "tcp-oneshot");
        assertEquals(1, r.exit(), r::toString);
        assertTrue(r.errors("decode_error") > 0, r::toString);
    }

    @Test
    void countsSilenceAsTimeouts() throws Exception {
        ToolRun r = run(responder(null, 0, null, null), "-t", "tcp");
        assertEquals(1, r.exit(), r::toString);
        assertTrue(r.errors("timeout") > 0, r::toString);
        assertEquals(0, r.json().path("ok").asLong(), r::toString);
    }

    @Test
    void countsARefusedConnectionAsConnectError() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort(); // closed again: nobody listens there now
        }
        ToolRun r = ToolRun.of(dir, "-t", "tcp", "--port", String.valueOf(port), "--prefix", "88.118.8", "--count", "10",
                "--duration", "500ms", "--warmup", "0s", "--threads", "1");
        assertEquals(1, r.exit(), r::toString);
        assertTrue(r.errors("connect_error") > 0, r::toString);
    }

    @Test
    void rejectsContradictoryOptionsWithUsageStatus() throws IOException {
        ToolRun r = ToolRun.of(dir, "--prefix", "P", "--count", "10", "--rate", "100", "--concurrency", "4");
        assertEquals(2, r.exit(), r::toString);
        assertTrue(r.err().contains("exclude each other"), r::toString);
        assertEquals(2, ToolRun.of(dir, "--prefix", "P").exit());
        assertEquals(2, ToolRun.of(dir, "--prefix", "P", "--count", "1", "-t", "http", "--concurrency", "8",
                "--connections", "2").exit());
    }
}
