package org.idnode.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code deploy/stream-demo.sh} as an operator runs it: one command starts a real Kafka broker, a
 * primary and a mirror; {@code try} registers on the primary and resolves on the mirror (and is
 * refused RC 7 writing to the mirror); {@code stop} stops all three.
 */
class StreamDemoIT {
    static final Path SCRIPT = Path.of("stream-demo.sh").toAbsolutePath();
    static final Path JAR = Path.of("..", "node", "target", "idnode.jar").toAbsolutePath().normalize();

    @TempDir
    Path dir;

    record Result(int exit, String output) {}

    Result run(Map<String, String> env, Duration limit, String command) throws Exception {
        Path out = Files.createTempFile(dir, "out", ".txt");
        ProcessBuilder pb = new ProcessBuilder("bash", SCRIPT.toString(), command).redirectErrorStream(true)
                .redirectOutput(out.toFile());
        pb.environment().putAll(env);
        Process p = pb.start();
        try {
            assertTrue(p.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS), command + " finished within " + limit);
            return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
        } finally {
            p.destroyForcibly();
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** A port whose next one is free too: the broker's controller listens there. */
    static int freePair() throws IOException {
        for (int i = 0; i < 50; i++) {
            int p = freePort();
            if (p < 65535) {
                try (ServerSocket next = new ServerSocket(p + 1, 1, InetAddress.getLoopbackAddress())) {
                    return p;
                } catch (IOException taken) {
                    // try another
                }
            }
        }
        throw new IOException("no two consecutive free ports");
    }

    @Test
    void oneCommandStartsBrokerPrimaryAndMirrorWhichFollowsAndAnotherStopsThemAll() throws Exception {
        assertTrue(Files.isRegularFile(JAR), JAR + " built before the deploy module");
        Map<String, String> env = new HashMap<>(Map.of("IDNODE_DEMO_RUN", dir.resolve("run").toString(),
                "IDNODE_JAR", JAR.toString(), "KAFKA_PORT", String.valueOf(freePair())));
        for (String port : List.of("PRIMARY_PORT", "PRIMARY_HTTP_PORT", "PRIMARY_ADMIN_PORT", "MIRROR_PORT",
                "MIRROR_HTTP_PORT", "MIRROR_ADMIN_PORT")) {
            env.put(port, String.valueOf(freePort()));
        }
        env.put("JAVA_HOME", System.getProperty("java.home"));
        env.put("PATH", Path.of(System.getProperty("java.home"), "bin") + ":" + System.getenv("PATH"));
        try {
            Result start = run(env, Duration.ofMinutes(5), "start");
            assertEquals(0, start.exit(), start.output());
            assertTrue(start.output().contains("Kafka, a primary and its mirror are running"), start.output());

            Result tried = run(env, Duration.ofMinutes(2), "try");
            assertEquals(0, tried.exit(), tried.output());
            assertTrue(tried.output().contains("the mirror resolves it"), tried.output());
            assertTrue(tried.output().contains("RC 7 SERVER_BACKUP"), "a write to the mirror is refused: " + tried.output());
        } finally {
            Result stop = run(env, Duration.ofMinutes(3), "stop");
            assertEquals(0, stop.exit(), stop.output());
        }
        Result status = run(env, Duration.ofSeconds(30), "status");
        for (String part : List.of("kafka", "primary", "mirror")) {
            assertTrue(status.output().contains(part + " not running"), status.output());
        }
        for (String pidFile : List.of("kafka.pid", "primary.pid", "mirror.pid")) {
            assertTrue(Files.notExists(dir.resolve("run").resolve(pidFile)), pidFile + " removed by stop");
        }
    }
}
