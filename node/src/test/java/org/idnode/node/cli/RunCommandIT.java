package org.idnode.node.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged jar as an operator runs it: a separate process, started, queried, stopped with SIGTERM. */
class RunCommandIT {
    static final Path JAR = Path.of("target", "idnode.jar");
    static final Pattern READY = Pattern.compile("idnode ready in (\\d+) ms: udp \\S+:(\\d+) tcp \\S+:(\\d+) http \\S+:(\\d+) admin (\\S+)");

    @TempDir
    Path dir;

    private Process start(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", JAR.toString()));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).redirectErrorStream(true).start();
    }

    @Test
    void startsServesTheDemoAndStopsCleanlyOnSigterm() throws Exception {
        assertTrue(Files.exists(JAR), "packaged before integration tests");
        Process p = start("run", "--data-dir", dir.toString(), "--port", "0", "--http-port", "0", "--admin-port", "0",
                "--prefix", "88.118.8", "--demo");
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            Matcher ready = null;
            StringBuilder seen = new StringBuilder();
            for (int i = 0; i < 200 && ready == null; i++) { // bounded: the ready line comes within the first lines
                String line = out.readLine();
                if (line == null) {
                    break;
                }
                seen.append(line).append('\n');
                Matcher m = READY.matcher(line);
                if (m.find()) {
                    ready = m;
                }
            }
            assertTrue(ready != null, "ready line logged:\n" + seen);
            int http = Integer.parseInt(ready.group(4));
            var client = java.net.http.HttpClient.newHttpClient();
            var res = client.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                    "http://127.0.0.1:" + http + "/api/handles/88.118.8/PUMP-2024-000017")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertEquals(200, res.statusCode(), res.body());
            assertTrue(res.body().contains("Centrifugal pump"), res.body());
            String admin = ready.group(5);
            var health = client.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                    "http://127.0.0.1:" + admin.substring(admin.lastIndexOf(':') + 1) + "/health")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertEquals(200, health.statusCode(), "admin port from the ready line: " + admin);
            var metrics = client.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                    "http://127.0.0.1:" + admin.substring(admin.lastIndexOf(':') + 1) + "/metrics")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            Matcher cap = Pattern.compile("(?m)^idnode_direct_memory_limit_bytes (\\S+)$").matcher(metrics.body());
            assertTrue(cap.find(), "direct memory cap reported");
            assertEquals(512L << 20, (long) Double.parseDouble(cap.group(1)),
                    "direct memory capped by maxDirectMemoryBytes, not by the heap size");
            p.toHandle().destroy(); // SIGTERM; Process.destroy() would also close our end of its output
            StringBuilder rest = new StringBuilder();
            for (int i = 0; i < 500; i++) { // bounded: the process ends, and with it its output
                String line = out.readLine();
                if (line == null) {
                    break;
                }
                rest.append(line).append('\n');
            }
            assertTrue(p.waitFor(20, TimeUnit.SECONDS), "stopped after SIGTERM");
            assertEquals(143, p.exitValue(), "exit status of a JVM ended by SIGTERM after its shutdown hook");
            assertTrue(rest.toString().contains("idnode stopped in"), "one line when it stops:\n" + rest);
        } finally {
            p.destroyForcibly();
        }
        // The store was closed cleanly: a second start finds the data and the same key.
        Process again = start("run", "--data-dir", dir.toString(), "--port", "0", "--http-port", "0", "--admin-port", "-1");
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(again.getInputStream(), StandardCharsets.UTF_8));
            boolean readyAgain = false;
            for (int i = 0; i < 200 && !readyAgain; i++) {
                String line = out.readLine();
                if (line == null) {
                    break;
                }
                readyAgain = READY.matcher(line).find() && line.contains("88.118.8") && line.contains("admin off");
            }
            assertTrue(readyAgain, "restarted with the homed prefix kept in the store");
        } finally {
            again.destroy();
            again.waitFor(20, TimeUnit.SECONDS);
        }
    }

    @Test
    void warnsThatEveryResolutionIsA301WithoutAPrefix() throws Exception {
        Process p = start("run", "--data-dir", dir.resolve("empty").toString(), "--port", "0", "--http-port", "0",
                "--admin-port", "-1");
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            boolean warned = false;
            boolean ready = false;
            for (int i = 0; i < 200 && !(warned && ready); i++) {
                String line = out.readLine();
                if (line == null) {
                    break;
                }
                warned |= line.contains("[WARN]") && line.contains("no prefix is homed here") && line.contains("301");
                ready |= READY.matcher(line).find();
            }
            assertTrue(warned && ready, "warned, then served");
        } finally {
            p.destroy();
            p.waitFor(20, TimeUnit.SECONDS);
        }
    }

    @Test
    void environmentVariablesConfigureTheNodeAndABadOneIsNamed() throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", JAR.toString(), "run"));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("IDNODE_HTTP_PORT", "70000");
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(2, p.exitValue(), output);
        assertTrue(output.contains("config httpPort: 70000") && output.contains("[from IDNODE_HTTP_PORT]"), output);
    }

    @Test
    void refusesToStartWithABadConfigValueAndNamesTheKey() throws Exception {
        Path config = dir.resolve("bad.yaml");
        Files.writeString(config, "port: 99999\n");
        Process p = start("run", "--config", config.toString());
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(2, p.exitValue());
        assertTrue(output.contains("config port: 99999"), output);
    }

    @Test
    void refusesABadFlagWithUsage() throws Exception {
        Process p = start("run", "--port", "many");
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(2, p.exitValue());
        assertTrue(output.contains("--port"), output);
    }
}
