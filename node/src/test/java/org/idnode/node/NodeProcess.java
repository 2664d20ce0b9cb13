package org.idnode.node;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A node in a child JVM, started from the packaged jar ({@code idnode run}), for tests that need a
 * real process: resident memory, SIGKILL. Waits for the ready line and reads the ports from it, then
 * keeps the child's output drained.
 */
public final class NodeProcess implements AutoCloseable {
    static final Path JAR = Path.of("target", "idnode.jar");
    static final Pattern READY = Pattern.compile("idnode ready in \\d+ ms: udp \\S+:(\\d+) tcp \\S+:(\\d+) http \\S+:(\\d+)");

    private final Process process;
    private final int udp;
    private final int tcp;
    private final int http;

    private final java.util.Deque<String> lines;

    private NodeProcess(Process process, int udp, int tcp, int http, java.util.Deque<String> lines) {
        this.lines = lines;
        this.process = process;
        this.udp = udp;
        this.tcp = tcp;
        this.http = http;
    }

    /** {@code idnode run --data-dir dir --port 0 --http-port 0 --admin-port -1} plus {@code args}, with -Xmx256m. */
    public static NodeProcess start(Path dataDir, Map<String, String> env, String... args) throws IOException {
        if (!Files.exists(JAR)) {
            throw new IllegalStateException(JAR + " missing: integration tests run after packaging");
        }
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-jar", JAR.toString(), "run", "--data-dir", dataDir.toString(), "--port", "0",
                "--http-port", "0", "--admin-port", "-1"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p = pb.start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        Matcher ready = null;
        for (int i = 0; i < 200 && ready == null; i++) {
            String line = out.readLine();
            if (line == null) {
                break;
            }
            Matcher m = READY.matcher(line);
            ready = m.find() ? m : null;
        }
        if (ready == null) {
            p.toHandle().destroyForcibly();
            throw new IllegalStateException("the node printed no ready line");
        }
        java.util.concurrent.ConcurrentLinkedDeque<String> lines = new java.util.concurrent.ConcurrentLinkedDeque<>();
        Thread drain = new Thread(() -> {
            try {
                // Keep the child's output flowing; its last lines are kept for tests to look at.
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    lines.addLast(line);
                    if (lines.size() > 2_000) {
                        lines.pollFirst();
                    }
                }
            } catch (IOException ignored) {
                // the child ended
            }
        });
        drain.setDaemon(true);
        drain.start();
        return new NodeProcess(p, Integer.parseInt(ready.group(1)), Integer.parseInt(ready.group(2)),
                Integer.parseInt(ready.group(3)), lines);
    }

    public int udpPort() {
        return udp;
    }

    public int tcpPort() {
        return tcp;
    }

    public int httpPort() {
        return http;
    }

    /** The child's output after its ready line (the last 2,000 lines). */
    public List<String> output() {
        return List.copyOf(lines);
    }

    public long pid() {
        return process.pid();
    }

    /** SIGKILL: no drain, no close; returns once the process is gone. */
    public void kill() throws InterruptedException {
        process.toHandle().destroyForcibly();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            throw new IllegalStateException("not killed within 20 s");
        }
    }

    /** SIGTERM, then SIGKILL if it has not stopped within 20 s. */
    @Override
    public void close() throws InterruptedException {
        process.toHandle().destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.toHandle().destroyForcibly();
            process.waitFor(20, TimeUnit.SECONDS);
        }
    }
}
