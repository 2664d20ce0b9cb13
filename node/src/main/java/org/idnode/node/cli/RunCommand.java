package org.idnode.node.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.idnode.node.Node;
import org.idnode.node.config.ConfigException;
import org.idnode.node.config.ConfigLoader;
import org.idnode.node.config.NodeConfig;
import org.idnode.node.storage.StorageException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code idnode run}: starts a node and serves until SIGTERM / Ctrl-C. */
@Command(name = "run", mixinStandardHelpOptions = true, description = "Start the node and serve until stopped.")
final class RunCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(RunCommand.class);

    @Option(names = "--config", description = "YAML config file; every key has a default.")
    Path configFile;

    @Option(names = "--data-dir", description = "Data directory (RocksDB, node key). Default: idnode-data")
    Path dataDir;

    @Option(names = "--bind", description = "Listen address. Default: 127.0.0.1")
    String bind;

    @Option(names = "--port", description = "TCP and UDP port. Default: 2641")
    Integer port;

    @Option(names = "--http-port", description = "HTTP port (REST + binary). Default: 8000")
    Integer httpPort;

    @Option(names = "--admin-port", description = "Admin HTTP port (/metrics, /health, /ready); 0 = any free port, -1 = none. Default: 9641")
    Integer adminPort;

    @Option(names = "--prefix", description = "Home this prefix (repeatable).")
    List<String> prefixes = new ArrayList<>();

    @Option(names = "--demo", description = "Load a few sample identifiers under each homed prefix if absent.")
    boolean demo;

    @Option(names = "--kafka", paramLabel = "SERVERS",
            description = "Stream every registration to Kafka at these bootstrap servers (host:port,...). Default: off")
    String kafka;

    @Option(names = "--mirror-of", paramLabel = "SERVERS",
            description = "Run as a read-only mirror applying the registration topic at these bootstrap servers. Default: off")
    String mirrorOf;

    /**
     * Netty reads these once, when its first class loads, which is after this point in {@code run}:
     * direct memory gets its own cap, counted by Netty (the jar's manifest opens java.nio for that),
     * so an allocation over it fails at once instead of stalling in the JDK's reservation. A value
     * given with -D on the command line wins.
     */
    private static void capDirectMemory(long bytes) {
        if (System.getProperty("io.netty.maxDirectMemory") == null) {
            System.setProperty("io.netty.maxDirectMemory", Long.toString(bytes));
        }
        if (System.getProperty("io.netty.tryReflectionSetAccessible") == null) {
            System.setProperty("io.netty.tryReflectionSetAccessible", "true");
        }
    }

    /** The config this run uses: flags over the {@code IDNODE_*} environment over the file over the defaults. */
    NodeConfig config(java.util.Map<String, String> env) {
        NodeConfig config = ConfigLoader.load(configFile, env);
        if (dataDir != null) {
            config = config.withDataDir(dataDir);
        }
        if (bind != null) {
            config = config.withBind(bind);
        }
        config = config.withPorts(port != null ? port : config.port(), httpPort != null ? httpPort : config.httpPort());
        if (adminPort != null) {
            config = config.withAdminPort(adminPort);
        }
        if (kafka != null) {
            config = config.withStream(config.stream().withKafka(kafka));
        }
        if (mirrorOf != null) {
            config = config.withStream(config.stream().withMirrorOf(mirrorOf));
        }
        if (!prefixes.isEmpty()) {
            List<String> all = new ArrayList<>(config.prefixes());
            all.addAll(prefixes);
            config = config.withPrefixes(all);
        }
        return config.validate();
    }

    @Override
    public Integer call() {
        NodeConfig config;
        try {
            config = config(System.getenv());
        } catch (ConfigException e) {
            System.err.println("idnode: " + e.getMessage());
            return 2;
        }
        capDirectMemory(config.limits().maxDirectMemoryBytes());
        long t0 = System.nanoTime();
        Node node;
        try {
            node = Node.start(config);
        } catch (ConfigException | StorageException | IllegalStateException e) {
            System.err.println("idnode: cannot start: " + e.getMessage());
            return 1;
        }
        if (demo) {
            DemoData.load(node);
        }
        if (node.homedPrefixes().isEmpty()) {
            LOG.warn("no prefix is homed here: every resolution will be answered 301 (not responsible); "
                    + "home one with --prefix 88.118.8 or the config key prefixes");
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            long s0 = System.nanoTime();
            node.close();
            LOG.info("idnode stopped in {} ms: requests drained, store closed", (System.nanoTime() - s0) / 1_000_000);
            // Flush the asynchronous file appender, which would otherwise lose its last lines.
            if (org.slf4j.LoggerFactory.getILoggerFactory() instanceof ch.qos.logback.classic.LoggerContext lc) {
                lc.stop();
            }
            stopped.countDown();
        }, "idnode-shutdown"));
        LOG.info("idnode ready in {} ms: udp {} tcp {} http {} admin {} ({}), prefixes {}, data {}, metrics {}, access log {}",
                (System.nanoTime() - t0) / 1_000_000, node.udpAddress(), node.tcpAddress(), node.httpAddress(),
                node.adminAddress() == null ? "off" : node.adminAddress(), node.transportName(), node.homedPrefixes(),
                config.dataDir().toAbsolutePath(), config.metrics() ? "on" : "off",
                config.accessLog() == null ? "off" : config.accessLog().toAbsolutePath());
        if (demo) {
            DemoData.printNextSteps(node);
        }
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }
}
