package org.idnode.node.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every key from the environment (IDNODE_*), and precedence environment > file > default. */
class ConfigEnvironmentTest {
    /** A valid value other than the default for every key; lists are comma-separated in the environment. */
    static final Map<String, String> SAMPLES = new TreeMap<>(Map.ofEntries(
            Map.entry("dataDir", "/tmp/idnode-env-test"), Map.entry("bind", "127.0.0.2"), Map.entry("port", "2700"),
            Map.entry("httpPort", "8100"), Map.entry("advertiseAddress", "192.0.2.1"), Map.entry("prefixes", "88.1,88.2"),
            Map.entry("caseSensitiveSuffix", "true"), Map.entry("siteSerial", "7"), Map.entry("siteDescription", "hello"),
            Map.entry("maxFrameBytes", "100000"), Map.entry("tcpIdleTimeout", "1m"), Map.entry("udpReassemblyTimeout", "2s"),
            Map.entry("udpMaxPendingRequests", "50"), Map.entry("blockCacheBytes", "2097152"), Map.entry("rowCacheBytes", "0"),
            Map.entry("ioThreads", "3"), Map.entry("adminBind", "127.0.0.3"), Map.entry("adminPort", "9700"),
            Map.entry("metrics", "false"), Map.entry("accessLog", "/tmp/idnode-access.log"),
            Map.entry("shutdownGracePeriod", "2s"), Map.entry("maxConnections", "500"),
            Map.entry("maxConnectionsPerAddress", "20"), Map.entry("requestReadTimeout", "3s"),
            Map.entry("inputBufferBytes", "8388608"), Map.entry("replyHighWaterBytes", "65536"),
            Map.entry("maxQueuedReplyBytes", "1048576"), Map.entry("udpReassemblyBytes", "2097152"),
            Map.entry("udpReassemblyBytesPerSource", "65536"), Map.entry("udpReplyFactor", "3"),
            Map.entry("udpTrustedNetworks", "10.0.0.0/8,192.168.0.0/16"), Map.entry("udpProofLifetime", "10m"),
            Map.entry("udpRepliesPerSecond", "50"), Map.entry("adminMaxConnections", "4"),
            Map.entry("maxDirectMemoryBytes", "268435456"),
            Map.entry("serverAdmins", "300:0.NA/88.1,301:88.1/ADMIN"),
            Map.entry("adminKeyFile", "pom.xml"), // any existing file: the check is that it exists
            Map.entry("challengeLifetime", "5s"), Map.entry("maxPendingChallenges", "100"),
            Map.entry("maxSessions", "100"), Map.entry("maxSessionLifetime", "1h"),
            Map.entry("allowListHandles", "false"), Map.entry("maxListedHandles", "1000"),
            Map.entry("commitBatch", "64"), Map.entry("commitQueue", "1000"),
            Map.entry("kafka", "127.0.0.1:9092,127.0.0.2:9092"), Map.entry("kafkaTopic", "regs"),
            Map.entry("nodeId", "node-7"), Map.entry("kafkaPartitions", "6"), Map.entry("kafkaReplicationFactor", "3"),
            Map.entry("kafkaMaxInFlight", "100"), Map.entry("outboxAlarmEvents", "5000"),
            Map.entry("mirrorOf", "127.0.0.1:9092"), Map.entry("mirrorMaxLag", "2m"),
            Map.entry("streamBadRecords", "dead-letter"), Map.entry("kafkaDeadLetterTopic", "regs.bad"),
            Map.entry("upstreamUrl", "https://upstream.example/report"),
            Map.entry("upstreamBatch", "100"), Map.entry("upstreamTimeout", "3s"),
            Map.entry("httpsPort", "8443"), Map.entry("tlsCertificate", "pom.xml"), Map.entry("tlsPrivateKey", "pom.xml"),
            Map.entry("allowPlainHttpAuth", "true"), Map.entry("maxBatchOperations", "50"),
            Map.entry("restSessionTimeout", "10m"), Map.entry("maxBatchBytes", "1048576")));

    @TempDir
    Path dir;

    static String yaml(String key, String value) {
        return key.equals("prefixes") || key.equals("udpTrustedNetworks") || key.equals("serverAdmins")
                ? key + ": [\"" + value.replace(",", "\",\"") + "\"]\n" : key + ": \"" + value + "\"\n";
    }

    @Test
    void everyKeyHasASample() {
        assertEquals(ConfigLoader.keys(), SAMPLES.keySet().stream().toList(), "a new key needs a sample here");
    }

    /** Keys valid only beside another one: the sample is given with it. */
    static final Map<String, Map.Entry<String, String>> COMPANIONS = Map.of(
            "upstreamUrl", Map.entry("kafka", "127.0.0.1:9092"));

    @Test
    void everyKeyCanBeSetByItsEnvironmentVariable() {
        for (Map.Entry<String, String> e : SAMPLES.entrySet()) {
            Map<String, String> env = new java.util.HashMap<>(Map.of(ConfigLoader.variable(e.getKey()), e.getValue()));
            String file = yaml(e.getKey(), e.getValue());
            NodeConfig without = NodeConfig.defaults();
            Map.Entry<String, String> companion = COMPANIONS.get(e.getKey());
            if (companion != null) {
                env.put(ConfigLoader.variable(companion.getKey()), companion.getValue());
                file += yaml(companion.getKey(), companion.getValue());
                without = ConfigLoader.parse(yaml(companion.getKey(), companion.getValue()));
            }
            NodeConfig fromEnv = ConfigLoader.load(null, env);
            assertNotEquals(without, fromEnv, e.getKey() + " changed something");
            assertEquals(ConfigLoader.parse(file), fromEnv, e.getKey() + " as in a file");
        }
    }

    @Test
    void variableNamesAreTheKeyInUpperSnakeCase() {
        assertEquals("IDNODE_HTTP_PORT", ConfigLoader.variable("httpPort"));
        assertEquals("IDNODE_UDP_REASSEMBLY_BYTES_PER_SOURCE", ConfigLoader.variable("udpReassemblyBytesPerSource"));
        assertEquals("IDNODE_DATA_DIR", ConfigLoader.variable("dataDir"));
    }

    @Test
    void theEnvironmentWinsOverTheFileAndTheFileOverTheDefault() throws Exception {
        Path file = dir.resolve("idnode.yaml");
        Files.writeString(file, "port: 2700\nhttpPort: 8100\n");
        NodeConfig c = ConfigLoader.load(file, Map.of("IDNODE_HTTP_PORT", "8200"));
        assertEquals(2700, c.port(), "file over default");
        assertEquals(8200, c.httpPort(), "environment over file");
        assertEquals(NodeConfig.defaults().adminPort(), c.adminPort(), "default where nothing says otherwise");
    }

    @Test
    void aBadValueFromTheEnvironmentNamesItsVariableAndKey() {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(null, Map.of("IDNODE_PORT", "99999")));
        assertTrue(e.getMessage().contains("port") && e.getMessage().contains("[from IDNODE_PORT]"), e.getMessage());
        e = assertThrows(ConfigException.class, () -> ConfigLoader.load(null, Map.of("IDNODE_TCP_IDLE_TIMEOUT", "soon")));
        assertTrue(e.getMessage().contains("tcpIdleTimeout") && e.getMessage().contains("IDNODE_TCP_IDLE_TIMEOUT"), e.getMessage());
    }

    @Test
    void anUnknownIdnodeVariableIsRefusedButLauncherVariablesAreNot() {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(null, Map.of("IDNODE_HTTP_PROT", "1")));
        assertTrue(e.getMessage().contains("IDNODE_HTTP_PROT"), e.getMessage());
        assertEquals(NodeConfig.defaults(), ConfigLoader.load(null, Map.of("IDNODE_JAVA_OPTS", "-Xmx1g", "PATH", "/bin")));
    }

    @Test
    void aMissingFileSaysNotFound() {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(dir.resolve("nope.yaml"), Map.of()));
        assertTrue(e.getMessage().contains("nope.yaml not found"), e.getMessage());
    }

    @Test
    void aYamlSyntaxErrorGivesItsLineAndColumn() {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.parse("port: 2641\nprefixes: [88.1\nbind: x\n"));
        assertTrue(e.getMessage().matches("(?s).*line \\d+, column \\d+.*"), e.getMessage());
    }
}
