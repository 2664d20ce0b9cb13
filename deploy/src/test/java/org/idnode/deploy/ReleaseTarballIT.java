package org.idnode.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The release tarball as a user gets it: listed, unpacked with tar, and run through its launchers, not
 * through the jars the build left in the modules' target folders.
 */
class ReleaseTarballIT {
    /** From the pom, through failsafe's systemPropertyVariables. */
    static final String VERSION = System.getProperty("idnode.version");
    static final Path TARBALL = Path.of(System.getProperty("idnode.tarball", "target/idnode-" + VERSION + ".tar.gz"));
    static final String TOP = "idnode-" + VERSION + "/";
    static final Pattern READY = Pattern.compile(
            "idnode ready in (\\d+) ms: udp \\S+:(\\d+) tcp \\S+:(\\d+) http \\S+:(\\d+) admin (\\S+)");
    static final List<String> ENTRIES = List.of(
            "bin/idnode", "bin/idnode-loadtest", "bin/idnode-wait-ready",
            "lib/idnode.jar", "lib/idnode-benchmarks.jar",
            "config/idnode.yaml", "config/logback.xml",
            "systemd/idnode.service", "systemd/idnode.sysusers.conf", "systemd/README.md",
            "README.md", "LICENSE");
    static final List<String> LAUNCHERS = List.of("bin/idnode", "bin/idnode-loadtest", "bin/idnode-wait-ready");

    @TempDir
    Path dir;

    /** A finished command: its exit status and everything it printed (stdout and stderr). */
    record Result(int exit, String output) {}

    /** Runs a command to its end, bounded in time; output goes to a file so a chatty command can't block. */
    private Result run(List<String> cmd, Map<String, String> env, Duration limit) throws Exception {
        Path out = Files.createTempFile(dir, "out", ".txt");
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(out.toFile());
        pb.environment().putAll(env);
        Process p = pb.start();
        try {
            assertTrue(p.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS), "finished within " + limit + ": " + cmd);
            return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
        } finally {
            p.destroyForcibly();
        }
    }

    private Path unpack() throws Exception {
        assertTrue(Files.isRegularFile(TARBALL), TARBALL.toAbsolutePath() + " built by the package phase");
        Result tar = run(List.of("tar", "-xzf", TARBALL.toAbsolutePath().toString(), "-C", dir.toString()),
                Map.of(), Duration.ofSeconds(60));
        assertEquals(0, tar.exit(), tar.output());
        Path home = dir.resolve(TOP);
        assertTrue(Files.isDirectory(home), "top folder " + TOP);
        return home;
    }

    /** The environment of the launchers: the JDK running this test, found through JAVA_HOME. */
    private Map<String, String> env(String... more) {
        Map<String, String> env = new java.util.HashMap<>(Map.of(
                "JAVA_HOME", System.getProperty("java.home"),
                "IDNODE_LOG_DIR", dir.resolve("logs").toString()));
        for (int i = 0; i < more.length; i += 2) {
            env.put(more[i], more[i + 1]);
        }
        return env;
    }

    @Test
    void tarballHoldsEveryFileUnderOneTopFolderWithExecutableLaunchers() throws Exception {
        assertNotNull(VERSION, "idnode.version passed by failsafe");
        assertTrue(Files.isRegularFile(TARBALL), TARBALL.toAbsolutePath() + " built by the package phase");
        Result list = run(List.of("tar", "-tzf", TARBALL.toAbsolutePath().toString()), Map.of(), Duration.ofSeconds(60));
        assertEquals(0, list.exit(), list.output());
        Set<String> names = Set.copyOf(list.output().lines().toList());
        for (String entry : ENTRIES) {
            assertTrue(names.contains(TOP + entry), TOP + entry + " in the tarball:\n" + list.output());
        }
        for (String name : names) {
            assertTrue(name.startsWith(TOP), "everything under " + TOP + ": " + name);
        }
        Result verbose = run(List.of("tar", "-tvzf", TARBALL.toAbsolutePath().toString()), Map.of(), Duration.ofSeconds(60));
        assertEquals(0, verbose.exit(), verbose.output());
        for (String launcher : LAUNCHERS) {
            String line = verbose.output().lines().filter(l -> l.endsWith(" " + TOP + launcher)).findFirst().orElse("");
            assertTrue(line.startsWith("-rwxr-xr-x"), launcher + " has mode 0755: " + line);
        }
    }

    @Test
    void unpackedReleaseServesTheDemoRunsTheLoadToolAndStopsOnSigterm() throws Exception {
        Path home = unpack();
        for (String launcher : LAUNCHERS) {
            assertTrue(Files.isExecutable(home.resolve(launcher)), launcher + " executable");
        }

        ProcessBuilder pb = new ProcessBuilder(home.resolve("bin/idnode").toString(), "run",
                "--data-dir", dir.resolve("data").toString(), "--port", "0", "--http-port", "0", "--admin-port", "0",
                "--prefix", "88.118.8", "--demo")
                .directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().putAll(env("IDNODE_JAVA_OPTS", "-Xmx256m"));
        Process node = pb.start();
        try {
            // A reader thread drains the output for the whole run, so the node never blocks on a full pipe
            // and waiting for the ready line has a deadline.
            LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();
            Thread reader = new Thread(() -> {
                try (BufferedReader out = new BufferedReader(new InputStreamReader(node.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line; (line = out.readLine()) != null; ) {
                        lines.add(line);
                    }
                } catch (IOException e) {
                    // the process went away; what was read is in the queue
                }
                lines.add("\u0000EOF");
            }, "idnode-output");
            reader.setDaemon(true);
            reader.start();

            Matcher ready = null;
            StringBuilder seen = new StringBuilder();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            for (int i = 0; i < 200 && ready == null; i++) { // bounded: the ready line comes within the first lines
                String line = lines.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (line == null || line.equals("\u0000EOF")) {
                    break;
                }
                seen.append(line).append('\n');
                Matcher m = READY.matcher(line);
                if (m.find()) {
                    ready = m;
                }
            }
            assertNotNull(ready, "ready line logged:\n" + seen);

            int http = Integer.parseInt(ready.group(4));
            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
            HttpResponse<String> res = client.send(HttpRequest.newBuilder(URI.create(
                    "http://127.0.0.1:" + http + "/api/handles/88.118.8/PUMP-2024-000017"))
                    .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, res.statusCode(), res.body());
            assertTrue(res.body().contains("Centrifugal pump"), res.body());

            // config/logback.xml reached the node: its file appender writes into IDNODE_LOG_DIR.
            assertTrue(Files.isRegularFile(dir.resolve("logs/idnode.log")),
                    "bin/idnode passed config/logback.xml; output:\n" + seen);

            // The systemd ExecStartPost= helper: 0 against the ready node, 1 once its timeout passes.
            String admin = ready.group(5);
            String adminPort = admin.substring(admin.lastIndexOf(':') + 1);
            Result waited = run(List.of(home.resolve("bin/idnode-wait-ready").toString()),
                    env("IDNODE_ADMIN_PORT", adminPort, "IDNODE_READY_TIMEOUT", "20"), Duration.ofSeconds(40));
            assertEquals(0, waited.exit(), "idnode-wait-ready against admin " + admin + ": " + waited.output());
            int closed;
            try (ServerSocket s = new ServerSocket(0)) {
                closed = s.getLocalPort();
            }
            Result gaveUp = run(List.of(home.resolve("bin/idnode-wait-ready").toString()),
                    env("IDNODE_ADMIN_PORT", Integer.toString(closed), "IDNODE_READY_TIMEOUT", "1"), Duration.ofSeconds(30));
            assertEquals(1, gaveUp.exit(), "idnode-wait-ready gives up on a closed port: " + gaveUp.output());

            Result help = run(List.of(home.resolve("bin/idnode-loadtest").toString(), "--help"), env(), Duration.ofSeconds(60));
            assertEquals(0, help.exit(), help.output());
            assertTrue(help.output().contains("--prefix"), help.output());

            node.destroy(); // SIGTERM, straight to the JVM: the launcher exec'd it
            assertTrue(node.waitFor(20, TimeUnit.SECONDS), "stopped within 20 s of SIGTERM");
            assertEquals(143, node.exitValue(), "a JVM ended by SIGTERM after its shutdown hook");
        } finally {
            node.destroyForcibly();
        }
    }

    @Test
    void launcherFindsItsInstallFolderThroughASymlink() throws Exception {
        Path home = unpack();
        Path elsewhere = Files.createDirectories(dir.resolve("usr/local/bin"));
        Path link = Files.createSymbolicLink(elsewhere.resolve("idnode"), home.resolve("bin/idnode"));
        Result help = run(List.of(link.toString(), "--help"), env(), Duration.ofSeconds(60));
        assertEquals(0, help.exit(), help.output());
        assertTrue(help.output().contains("run"), help.output());
        // And a relative symlink, resolved against the link's own folder.
        Path relative = Files.createSymbolicLink(elsewhere.resolve("idnode-loadtest"),
                elsewhere.relativize(home.resolve("bin/idnode-loadtest")));
        Result loadHelp = run(List.of(relative.toString(), "--help"), env(), Duration.ofSeconds(60));
        assertEquals(0, loadHelp.exit(), loadHelp.output());
    }
}
