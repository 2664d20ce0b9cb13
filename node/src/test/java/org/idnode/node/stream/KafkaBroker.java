package org.idnode.node.stream;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;

/**
 * A real single-node Kafka (KRaft, broker and controller in one) in a child JVM, from the test
 * classpath's {@code kafka_2.13}: storage formatted once with its command-line tool, then
 * {@code kafka.Kafka} started on fixed ports, so it can be stopped and started again on the same
 * data, as an operator would restart it. Ready when the admin client sees one broker.
 */
final class KafkaBroker implements AutoCloseable {
    private static final String CLUSTER_ID = "aWRub2RlLXRlc3QtMQ";

    private final Path dir;
    private final int port;
    private final int controllerPort;
    private Process process;

    private KafkaBroker(Path dir, int port, int controllerPort) {
        this.dir = dir;
        this.port = port;
        this.controllerPort = controllerPort;
    }

    /** Formats a new broker in {@code dir} on two free ports and starts it. */
    static KafkaBroker start(Path dir) throws Exception {
        KafkaBroker b = new KafkaBroker(dir, freePort(), freePort());
        Files.createDirectories(dir);
        Files.writeString(b.properties(), String.join("\n",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.bootstrap.servers=127.0.0.1:" + b.controllerPort,
                "listeners=PLAINTEXT://127.0.0.1:" + b.port + ",CONTROLLER://127.0.0.1:" + b.controllerPort,
                "advertised.listeners=PLAINTEXT://127.0.0.1:" + b.port,
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=PLAINTEXT",
                "listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT",
                "log.dirs=" + dir.resolve("data"),
                "num.partitions=1",
                // One broker: internal topics can have one replica only.
                "offsets.topic.replication.factor=1",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                "group.initial.rebalance.delay.ms=0",
                ""));
        // KRaft refuses to start on storage that was never formatted.
        Process format = new ProcessBuilder(java(), "-cp", System.getProperty("java.class.path"), "kafka.tools.StorageTool",
                "format", "--cluster-id", CLUSTER_ID, "--config", b.properties().toString(), "--standalone")
                .redirectErrorStream(true).redirectOutput(dir.resolve("format.log").toFile()).start();
        if (!format.waitFor(60, TimeUnit.SECONDS) || format.exitValue() != 0) {
            throw new IllegalStateException("kafka storage format failed: " + Files.readString(dir.resolve("format.log")));
        }
        b.startAgain();
        return b;
    }

    String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    /** Starts the broker on its data and ports (after {@link #stop()}) and waits until it answers. */
    void startAgain() throws Exception {
        process = new ProcessBuilder(java(), "-Xms128m", "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                "kafka.Kafka", properties().toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("broker.log").toFile()))
                .start();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 200))) {
            long end = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            while (true) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("kafka exited, see " + dir.resolve("broker.log"));
                }
                try {
                    if (admin.describeCluster(new DescribeClusterOptions().timeoutMs(2_000)).nodes().get().size() == 1) {
                        return;
                    }
                } catch (Exception notYet) {
                    if (System.nanoTime() > end) {
                        throw new IllegalStateException("kafka not ready within 90 s, see " + dir.resolve("broker.log"), notYet);
                    }
                }
            }
        }
    }

    /** A controlled shutdown; the data stays for {@link #startAgain()}. */
    void stop() throws InterruptedException {
        process.toHandle().destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.toHandle().destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            stop();
        }
    }

    private Path properties() {
        return dir.resolve("server.properties");
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
