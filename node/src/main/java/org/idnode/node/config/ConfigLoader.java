package org.idnode.node.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
 */
public final class ConfigLoader {
    private static final long MAX_FILE_BYTES = 1 << 20;
    private static final Set<String> KEYS = Set.of("dataDir", "bind", "port", "httpPort", "advertiseAddress",
            "prefixes", "caseSensitiveSuffix", "siteSerial", "siteDescription", "maxFrameBytes", "tcpIdleTimeout",
            "udpReassemblyTimeout", "udpMaxPendingRequests", "blockCacheBytes", "rowCacheBytes", "ioThreads", "adminBind",
            "adminPort", "metrics", "accessLog",
            "maxConnections", "maxConnectionsPerAddress", "requestReadTimeout", "inputBufferBytes",
            "replyHighWaterBytes", "maxQueuedReplyBytes", "udpReassemblyBytes", "udpReassemblyBytesPerSource",
            "udpReplyFactor", "udpTrustedNetworks", "udpProofLifetime", "udpRepliesPerSecond", "adminMaxConnections",
            "maxDirectMemoryBytes");

    private ConfigLoader() {
    }

    public static NodeConfig load(Path file) {
        try {
            if (Files.size(file) > MAX_FILE_BYTES) {
                throw new ConfigException("file", file + " is larger than 1 MiB");
            }
            return parse(Files.readString(file));
        } catch (IOException e) {
            throw new ConfigException("file", file + ": " + e.getMessage());
        }
    }

    public static NodeConfig parse(String yaml) {
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(yaml);
        } catch (IOException e) {
            throw new ConfigException("file", "not valid YAML: " + e.getMessage().lines().findFirst().orElse(""));
        }
        NodeConfig d = NodeConfig.defaults();
        if (root == null || root.isMissingNode() || root.isNull()) {
            return d;
        }
        if (!root.isObject()) {
            throw new ConfigException("file", "the top level must be a mapping of keys to values");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            String key = it.next().getKey();
            if (!KEYS.contains(key)) {
                throw new ConfigException(key, "unknown key (known: " + String.join(", ", KEYS.stream().sorted().toList()) + ")");
            }
        }
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
                limits(root, d.limits())).validate();
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
