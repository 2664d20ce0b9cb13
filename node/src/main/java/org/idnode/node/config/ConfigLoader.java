package org.idnode.node.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads a YAML file onto {@link NodeConfig#defaults()}: a key left out keeps its default, an unknown
 * key or a value of the wrong kind is refused with the key's name.
 *
 * <p>Every key can also come from the environment, as {@code IDNODE_} and the key in upper snake
 * case ({@code httpPort} = {@code IDNODE_HTTP_PORT}; lists comma-separated), for systemd and
 * containers. Precedence: command-line flag > environment > file > default (flags are applied by
 * the commands on top of what this returns). A bad value from the environment is named by its
 * variable as well as its key.
 */
public final class ConfigLoader {
    private static final long MAX_FILE_BYTES = 1 << 20;
    private static final Set<String> KEYS = Set.of("dataDir", "bind", "port", "httpPort", "advertiseAddress",
            "prefixes", "caseSensitiveSuffix", "siteSerial", "siteDescription", "maxFrameBytes", "tcpIdleTimeout",
            "udpReassemblyTimeout", "udpMaxPendingRequests", "blockCacheBytes", "rowCacheBytes", "ioThreads", "adminBind",
            "adminPort", "metrics", "accessLog", "shutdownGracePeriod",
            "maxConnections", "maxConnectionsPerAddress", "requestReadTimeout", "inputBufferBytes",
            "replyHighWaterBytes", "maxQueuedReplyBytes", "udpReassemblyBytes", "udpReassemblyBytesPerSource",
            "udpReplyFactor", "udpTrustedNetworks", "udpProofLifetime", "udpRepliesPerSecond", "adminMaxConnections",
            "serverAdmins", "adminKeyFile", "challengeLifetime", "maxPendingChallenges", "maxSessions",
            "maxSessionLifetime", "allowListHandles", "maxListedHandles", "commitBatch", "commitQueue",
            "kafka", "kafkaTopic", "nodeId", "kafkaPartitions", "kafkaReplicationFactor", "kafkaMaxInFlight",
            "outboxAlarmEvents", "mirrorOf", "mirrorMaxLag", "streamBadRecords", "kafkaDeadLetterTopic",
            "upstreamUrl", "upstreamBatch", "upstreamTimeout",
            "maxDirectMemoryBytes", "httpsPort", "tlsCertificate", "tlsPrivateKey", "allowPlainHttpAuth",
            "maxBatchOperations", "restSessionTimeout", "maxBatchBytes");

    /** IDNODE_ variables that belong to the launchers, not to the node's configuration. */
    private static final Set<String> LAUNCHER_VARIABLES = Set.of("IDNODE_JAVA_OPTS", "IDNODE_HOME", "IDNODE_LOG_DIR",
            "IDNODE_READY_TIMEOUT");
    private static final Set<String> LIST_KEYS = Set.of("prefixes", "udpTrustedNetworks", "serverAdmins");

    private ConfigLoader() {
    }

    public static NodeConfig load(Path file) {
        return load(file, Map.of());
    }

    /** The defaults, under {@code file} (null = none), under the {@code IDNODE_*} variables of {@code env}. */
    public static NodeConfig load(Path file, Map<String, String> env) {
        return resolve(file == null ? null : readFile(file), env);
    }

    private static String readFile(Path file) {
        if (!Files.exists(file)) {
            throw new ConfigException("file", file + " not found");
        }
        try {
            if (Files.size(file) > MAX_FILE_BYTES) {
                throw new ConfigException("file", file + " is larger than 1 MiB");
            }
            return Files.readString(file);
        } catch (IOException e) {
            throw new ConfigException("file", file + ": cannot be read: " + e.getMessage());
        }
    }

    public static NodeConfig parse(String yaml) {
        return resolve(yaml, Map.of());
    }

    /** The environment variable that sets {@code key}: {@code httpPort} is {@code IDNODE_HTTP_PORT}. */
    public static String variable(String key) {
        return "IDNODE_" + key.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT);
    }

    /** Every key, sorted: for the documentation table and the tests. */
    public static List<String> keys() {
        return KEYS.stream().sorted().toList();
    }

    private static NodeConfig resolve(String yaml, Map<String, String> env) {
        ObjectNode root = yaml == null ? JsonNodeFactory.instance.objectNode() : readYaml(yaml);
        Map<String, String> fromEnv = new java.util.HashMap<>();
        for (String key : KEYS) {
            String v = env.get(variable(key));
            if (v == null) {
                continue;
            }
            fromEnv.put(key, variable(key));
            if (LIST_KEYS.contains(key)) {
                ArrayNode list = root.putArray(key);
                for (String part : v.split(",")) {
                    if (!part.isBlank()) {
                        list.add(part.trim());
                    }
                }
            } else {
                root.put(key, v);
            }
        }
        for (String name : env.keySet()) {
            if (name.startsWith("IDNODE_") && !LAUNCHER_VARIABLES.contains(name) && !fromEnv.containsValue(name)) {
                throw new ConfigException(name, "unknown environment variable (each config key has one: "
                        + variable("httpPort") + " for httpPort, ...; see the configuration table)");
            }
        }
        try {
            return build(root);
        } catch (ConfigException e) {
            String from = fromEnv.get(e.key());
            throw from == null ? e : e.from(from);
        }
    }

    private static ObjectNode readYaml(String yaml) {
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(yaml);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            com.fasterxml.jackson.core.JsonLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            throw new ConfigException("file", "not valid YAML" + where + ": " + e.getOriginalMessage().lines().findFirst().orElse(""));
        } catch (IOException e) {
            throw new ConfigException("file", "not valid YAML: " + e.getMessage().lines().findFirst().orElse(""));
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            return JsonNodeFactory.instance.objectNode();
        }
        if (!root.isObject()) {
            throw new ConfigException("file", "the top level must be a mapping of keys to values");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            String key = it.next().getKey();
            if (!KEYS.contains(key)) {
                throw new ConfigException(key, "unknown key (known: " + String.join(", ", keys()) + ")");
            }
        }
        return (ObjectNode) root;
    }

    private static NodeConfig build(JsonNode root) {
        NodeConfig d = NodeConfig.defaults();
        return new NodeConfig(
                Path.of(text(root, "dataDir", d.dataDir().toString())),
                text(root, "bind", d.bind()),
                integer(root, "port", d.port()),
                integer(root, "httpPort", d.httpPort()),
                text(root, "advertiseAddress", d.advertiseAddress()),
                list(root, "prefixes", d.prefixes()),
                bool(root, "caseSensitiveSuffix", d.caseSensitiveSuffix()),
                integer(root, "siteSerial", d.siteSerial()),
                text(root, "siteDescription", d.siteDescription()),
                integer(root, "maxFrameBytes", d.maxFrameBytes()),
                duration(root, "tcpIdleTimeout", d.tcpIdleTimeout()),
                duration(root, "udpReassemblyTimeout", d.udpReassemblyTimeout()),
                integer(root, "udpMaxPendingRequests", d.udpMaxPendingRequests()),
                longValue(root, "blockCacheBytes", d.blockCacheBytes()),
                longValue(root, "rowCacheBytes", d.rowCacheBytes()),
                integer(root, "ioThreads", d.ioThreads()),
                text(root, "adminBind", d.adminBind()),
                integer(root, "adminPort", d.adminPort()),
                bool(root, "metrics", d.metrics()),
                fileOrOff(root, "accessLog"),
                duration(root, "shutdownGracePeriod", d.shutdownGracePeriod()),
                limits(root, d.limits()),
                auth(root, d.auth()),
                rest(root, d.rest()),
                stream(root, d.stream())).validate();
    }

    private static StreamSettings stream(JsonNode root, StreamSettings d) {
        String kafka = text(root, "kafka", d.kafka());
        String nodeId = text(root, "nodeId", d.nodeId());
        return new StreamSettings(
                off(kafka),
                text(root, "kafkaTopic", d.kafkaTopic()),
                nodeId == null || nodeId.isBlank() ? null : nodeId,
                integer(root, "kafkaPartitions", d.kafkaPartitions()),
                integer(root, "kafkaReplicationFactor", d.kafkaReplicationFactor()),
                integer(root, "kafkaMaxInFlight", d.kafkaMaxInFlight()),
                longValue(root, "outboxAlarmEvents", d.outboxAlarmEvents()),
                off(text(root, "mirrorOf", d.mirrorOf())),
                duration(root, "mirrorMaxLag", d.mirrorMaxLag()),
                text(root, "streamBadRecords", d.streamBadRecords()),
                blankIsNull(text(root, "kafkaDeadLetterTopic", d.kafkaDeadLetterTopic())),
                off(text(root, "upstreamUrl", d.upstreamUrl())),
                integer(root, "upstreamBatch", d.upstreamBatch()),
                duration(root, "upstreamTimeout", d.upstreamTimeout()));
    }

    /** Bootstrap servers, or null for "off" (YAML reads a bare off as false). */
    private static String off(String servers) {
        return servers == null || servers.isBlank() || servers.equals("off") || servers.equals("false") ? null : servers;
    }

    private static String blankIsNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private static RestSettings rest(JsonNode root, RestSettings d) {
        String cert = text(root, "tlsCertificate", null);
        String key = text(root, "tlsPrivateKey", null);
        return new RestSettings(
                integer(root, "httpsPort", d.httpsPort()),
                cert == null || cert.isBlank() ? d.tlsCertificate() : Path.of(cert),
                key == null || key.isBlank() ? d.tlsPrivateKey() : Path.of(key),
                bool(root, "allowPlainHttpAuth", d.allowPlainHttpAuth()),
                integer(root, "maxBatchOperations", d.maxBatchOperations()),
                duration(root, "restSessionTimeout", d.restSessionTimeout()),
                integer(root, "maxBatchBytes", d.maxBatchBytes()));
    }

    private static AuthSettings auth(JsonNode root, AuthSettings d) {
        String keyFile = text(root, "adminKeyFile", null);
        return new AuthSettings(
                list(root, "serverAdmins", d.serverAdmins()),
                keyFile == null || keyFile.isBlank() ? d.adminKeyFile() : Path.of(keyFile),
                duration(root, "challengeLifetime", d.challengeLifetime()),
                integer(root, "maxPendingChallenges", d.maxPendingChallenges()),
                integer(root, "maxSessions", d.maxSessions()),
                duration(root, "maxSessionLifetime", d.maxSessionLifetime()),
                bool(root, "allowListHandles", d.allowListHandles()),
                integer(root, "maxListedHandles", d.maxListedHandles()),
                integer(root, "commitBatch", d.commitBatch()),
                integer(root, "commitQueue", d.commitQueue()));
    }

    private static TrafficLimits limits(JsonNode root, TrafficLimits d) {
        return new TrafficLimits(
                integer(root, "maxConnections", d.maxConnections()),
                integer(root, "maxConnectionsPerAddress", d.maxConnectionsPerAddress()),
                duration(root, "requestReadTimeout", d.requestReadTimeout()),
                longValue(root, "inputBufferBytes", d.inputBufferBytes()),
                integer(root, "replyHighWaterBytes", d.replyHighWaterBytes()),
                integer(root, "maxQueuedReplyBytes", d.maxQueuedReplyBytes()),
                longValue(root, "udpReassemblyBytes", d.udpReassemblyBytes()),
                longValue(root, "udpReassemblyBytesPerSource", d.udpReassemblyBytesPerSource()),
                integer(root, "udpReplyFactor", d.udpReplyFactor()),
                list(root, "udpTrustedNetworks", d.udpTrustedNetworks()),
                duration(root, "udpProofLifetime", d.udpProofLifetime()),
                integer(root, "udpRepliesPerSecond", d.udpRepliesPerSecond()),
                integer(root, "adminMaxConnections", d.adminMaxConnections()),
                longValue(root, "maxDirectMemoryBytes", d.maxDirectMemoryBytes()));
    }

    private static String text(JsonNode root, String key, String def) {
        JsonNode n = root.get(key);
        if (n == null || n.isNull()) {
            return def;
        }
        if (!n.isValueNode()) {
            throw new ConfigException(key, n, "a string");
        }
        return n.asText();
    }

    private static int integer(JsonNode root, String key, int def) {
        long v = longValue(root, key, def);
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw new ConfigException(key, v, "a 32-bit integer");
        }
        return (int) v;
    }

    private static long longValue(JsonNode root, String key, long def) {
        JsonNode n = root.get(key);
        if (n == null || n.isNull()) {
            return def;
        }
        if (n.isIntegralNumber() && n.canConvertToLong()) {
            return n.asLong();
        }
        if (n.isTextual()) {
            try {
                return Long.parseLong(n.asText().trim());
            } catch (NumberFormatException e) {
                // fall through to the error
            }
        }
        throw new ConfigException(key, n, "an integer");
    }

    private static boolean bool(JsonNode root, String key, boolean def) {
        JsonNode n = root.get(key);
        if (n == null || n.isNull()) {
            return def;
        }
        if (n.isBoolean()) {
            return n.asBoolean();
        }
        String t = n.asText().toLowerCase(Locale.ROOT);
        if (t.equals("true") || t.equals("yes")) {
            return true;
        }
        if (t.equals("false") || t.equals("no")) {
            return false;
        }
        throw new ConfigException(key, n, "true or false");
    }

    private static List<String> list(JsonNode root, String key, List<String> def) {
        JsonNode n = root.get(key);
        if (n == null || n.isNull()) {
            return def;
        }
        if (!n.isArray()) {
            throw new ConfigException(key, n, "a list of strings");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode e : n) {
            if (!e.isValueNode()) {
                throw new ConfigException(key, e, "a string");
            }
            out.add(e.asText());
        }
        return out;
    }

    /** A file path, or off: YAML reads a bare {@code off} (or {@code no}, {@code false}) as boolean false. */
    private static Path fileOrOff(JsonNode root, String key) {
        JsonNode n = root.get(key);
        if (n == null || n.isNull() || (n.isBoolean() && !n.asBoolean())) {
            return null;
        }
        String t = n.isTextual() ? n.asText().trim() : "";
        if (t.isEmpty()) {
            throw new ConfigException(key, n, "off, or the path of a file to append to");
        }
        if (t.equalsIgnoreCase("off") || t.equalsIgnoreCase("none")) {
            return null;
        }
        try {
            return Path.of(t);
        } catch (java.nio.file.InvalidPathException e) {
            throw new ConfigException(key, n, "off, or the path of a file to append to");
        }
    }

    private static Duration duration(JsonNode root, String key, Duration def) {
        JsonNode n = root.get(key);
        if (n == null || n.isNull()) {
            return def;
        }
        try {
            return parseDuration(n.asText());
        } catch (IllegalArgumentException e) {
            throw new ConfigException(key, n, "a duration such as 500ms, 30s, 5m, 1h or PT30S");
        }
    }

    /** {@code 500ms}, {@code 30s}, {@code 5m}, {@code 1h}, or ISO-8601 {@code PT30S}. */
    public static Duration parseDuration(String s) {
        String t = s.trim().toLowerCase(Locale.ROOT);
        try {
            if (t.startsWith("pt") || t.startsWith("p")) {
                return Duration.parse(s.trim());
            }
            if (t.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2).trim()));
            }
            long n = Long.parseLong(t.substring(0, t.length() - 1).trim());
            return switch (t.charAt(t.length() - 1)) {
                case 's' -> Duration.ofSeconds(n);
                case 'm' -> Duration.ofMinutes(n);
                case 'h' -> Duration.ofHours(n);
                default -> throw new IllegalArgumentException(s);
            };
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not a duration: " + s, e);
        }
    }
}
