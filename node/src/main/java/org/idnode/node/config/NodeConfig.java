package org.idnode.node.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Every setting of a node, immutable, each with a default ({@link #defaults()}), so {@code idnode run}
 * works with no file. Built by {@link ConfigLoader} from YAML plus command-line overrides and checked
 * by {@link #validate()}; keys in YAML are the component names below.
 *
 * @param dataDir             RocksDB and the node key live here
 * @param bind                listen address; loopback by default, so opening up is a deliberate act
 * @param port                TCP and UDP port of the Handle protocol
 * @param httpPort            HTTP port: REST API and binary-over-HTTP; 0 = ephemeral
 * @param advertiseAddress    the address put in our HS_SITE; defaults to {@code bind}
 * @param prefixes            prefixes homed here (case-insensitive)
 * @param caseSensitiveSuffix false (CNRI default): whole handles compare case-insensitively (§12)
 * @param siteSerial          HS_SITE serial number, echoed in response headers
 * @param siteDescription     HS_SITE {@code desc} attribute
 * @param maxFrameBytes       cap on one TCP frame / HTTP body (§3 allows 262,144)
 * @param tcpIdleTimeout      keep-alive connections with no traffic are closed after this
 * @param udpReassemblyTimeout how long pieces of a multi-datagram request wait (§2: 5 s)
 * @param udpMaxPendingRequests bound on requests being reassembled at once
 * @param blockCacheBytes     RocksDB block cache size
 * @param rowCacheBytes       RocksDB row cache (whole hot records); 0 = none
 * @param ioThreads           Netty event loop threads; 0 = number of cores
 * @param adminBind           listen address of the admin HTTP port (metrics, health)
 * @param adminPort           admin HTTP port: /metrics, /health, /ready; 0 = ephemeral, -1 = none
 * @param metrics             request metrics and RocksDB statistics; false to measure what they cost
 * @param accessLog           file that gets one line per request, written in the background; null = none
 * @param shutdownGracePeriod on stop, how long requests already read may take to be answered
 * @param limits              what peers may cost the node (connections, buffers, UDP replies)
 * @param auth                who may change what; sessions, challenges and group commit bounds
 * @param rest                REST writes, the HTTPS listener and REST authentication
 * @param stream              the registration stream to Kafka (off by default)
 */
public record NodeConfig(
        Path dataDir,
        String bind,
        int port,
        int httpPort,
        String advertiseAddress,
        List<String> prefixes,
        boolean caseSensitiveSuffix,
        int siteSerial,
        String siteDescription,
        int maxFrameBytes,
        Duration tcpIdleTimeout,
        Duration udpReassemblyTimeout,
        int udpMaxPendingRequests,
        long blockCacheBytes,
        long rowCacheBytes,
        int ioThreads,
        String adminBind,
        int adminPort,
        boolean metrics,
        Path accessLog,
        Duration shutdownGracePeriod,
        TrafficLimits limits,
        AuthSettings auth,
        RestSettings rest,
        StreamSettings stream) {

    public NodeConfig {
        prefixes = prefixes == null ? List.of() : List.copyOf(prefixes);
        limits = limits == null ? TrafficLimits.defaults() : limits;
        auth = auth == null ? AuthSettings.defaults() : auth;
        rest = rest == null ? RestSettings.defaults() : rest;
        stream = stream == null ? StreamSettings.defaults() : stream;
    }

    public static NodeConfig defaults() {
        return new NodeConfig(Path.of("idnode-data"), "127.0.0.1", 2641, 8000, null, List.of(), false, 1,
                "idnode secondary node", 262_144, Duration.ofMinutes(5), Duration.ofSeconds(5), 10_000,
                256L << 20, 256L << 20, 0, "127.0.0.1", 9641, true, null, Duration.ofSeconds(5), TrafficLimits.defaults(), AuthSettings.defaults(),
                RestSettings.defaults(), StreamSettings.defaults());
    }

    public String effectiveAdvertiseAddress() {
        return advertiseAddress == null || advertiseAddress.isBlank() ? bind : advertiseAddress;
    }

    /** Throws {@link ConfigException} naming the first key whose value is out of range. */
    public NodeConfig validate() {
        if (dataDir == null) {
            throw new ConfigException("dataDir", null, "a directory path");
        }
        if (bind == null || bind.isBlank()) {
            throw new ConfigException("bind", bind, "an IP address or host name");
        }
        checkPort("port", port);
        checkPort("httpPort", httpPort);
        for (String p : prefixes) {
            if (!Prefixes.isValidPrefix(p)) {
                throw new ConfigException("prefixes", p, "a prefix such as 88.118.8 (no '/', no spaces, <= 255 octets)");
            }
        }
        if (siteSerial < 0 || siteSerial > 0xFFFF) {
            throw new ConfigException("siteSerial", siteSerial, "0..65535");
        }
        if (maxFrameBytes < 1024 || maxFrameBytes > 262_144 + 20) {
            throw new ConfigException("maxFrameBytes", maxFrameBytes, "1024..262164 (handle-protocol.md §3)");
        }
        checkPositive("tcpIdleTimeout", tcpIdleTimeout);
        checkPositive("udpReassemblyTimeout", udpReassemblyTimeout);
        if (udpMaxPendingRequests < 1 || udpMaxPendingRequests > 1_000_000) {
            throw new ConfigException("udpMaxPendingRequests", udpMaxPendingRequests, "1..1000000");
        }
        if (blockCacheBytes < (1 << 20)) {
            throw new ConfigException("blockCacheBytes", blockCacheBytes, ">= 1048576");
        }
        if (rowCacheBytes < 0) {
            throw new ConfigException("rowCacheBytes", rowCacheBytes, ">= 0 (0 = no row cache)");
        }
        if (ioThreads < 0 || ioThreads > 256) {
            throw new ConfigException("ioThreads", ioThreads, "0..256 (0 = number of cores)");
        }
        if (adminBind == null || adminBind.isBlank()) {
            throw new ConfigException("adminBind", adminBind, "an IP address or host name");
        }
        if (adminPort < -1 || adminPort > 65535) {
            throw new ConfigException("adminPort", adminPort, "-1..65535 (0 = any free port, -1 = no admin port)");
        }
        if (adminPort > 0 && (adminPort == port || adminPort == httpPort)) {
            throw new ConfigException("adminPort", adminPort, "a port other than port and httpPort");
        }
        if (accessLog != null && (accessLog.toString().isBlank() || Files.isDirectory(accessLog))) {
            throw new ConfigException("accessLog", accessLog, "off, or the path of a file to append to");
        }
        checkPositive("shutdownGracePeriod", shutdownGracePeriod);
        limits.validate();
        auth.validate();
        rest.validate();
        if (rest.httpsPort() > 0 && (rest.httpsPort() == port || rest.httpsPort() == httpPort || rest.httpsPort() == adminPort)) {
            throw new ConfigException("httpsPort", rest.httpsPort(), "a port other than port, httpPort and adminPort");
        }
        stream.validate();
        return this;
    }

    private static void checkPort(String key, int value) {
        if (value < 0 || value > 65535) {
            throw new ConfigException(key, value, "0..65535 (0 = any free port)");
        }
    }

    private static void checkPositive(String key, Duration d) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new ConfigException(key, d, "a positive duration such as 30s or 5m");
        }
    }

    public NodeConfig withDataDir(Path v) {
        return new NodeConfig(v, bind, port, httpPort, advertiseAddress, prefixes, caseSensitiveSuffix, siteSerial,
                siteDescription, maxFrameBytes, tcpIdleTimeout, udpReassemblyTimeout, udpMaxPendingRequests,
                blockCacheBytes, rowCacheBytes, ioThreads, adminBind, adminPort, metrics, accessLog, shutdownGracePeriod, limits, auth, rest,
                stream);
    }

    public NodeConfig withBind(String v) {
        return new NodeConfig(dataDir, v, port, httpPort, advertiseAddress, prefixes, caseSensitiveSuffix, siteSerial,
                siteDescription, maxFrameBytes, tcpIdleTimeout, udpReassemblyTimeout, udpMaxPendingRequests,
                blockCacheBytes, rowCacheBytes, ioThreads, adminBind, adminPort, metrics, accessLog, shutdownGracePeriod, limits, auth, rest,
                stream);
    }

    public NodeConfig withPorts(int tcpUdp, int http) {
        return new NodeConfig(dataDir, bind, tcpUdp, http, advertiseAddress, prefixes, caseSensitiveSuffix, siteSerial,
                siteDescription, maxFrameBytes, tcpIdleTimeout, udpReassemblyTimeout, udpMaxPendingRequests,
                blockCacheBytes, rowCacheBytes, ioThreads, adminBind, adminPort, metrics, accessLog, shutdownGracePeriod, limits, auth, rest,
                stream);
    }

    public NodeConfig withPrefixes(List<String> v) {
        return new NodeConfig(dataDir, bind, port, httpPort, advertiseAddress, v, caseSensitiveSuffix, siteSerial,
                siteDescription, maxFrameBytes, tcpIdleTimeout, udpReassemblyTimeout, udpMaxPendingRequests,
                blockCacheBytes, rowCacheBytes, ioThreads, adminBind, adminPort, metrics, accessLog, shutdownGracePeriod, limits, auth, rest,
                stream);
    }

    /** The admin HTTP port: 0 = any free port, -1 = none. */
    public NodeConfig withAdminPort(int v) {
        return new NodeConfig(dataDir, bind, port, httpPort, advertiseAddress, prefixes, caseSensitiveSuffix, siteSerial,
                siteDescription, maxFrameBytes, tcpIdleTimeout, udpReassemblyTimeout, udpMaxPendingRequests,
                blockCacheBytes, rowCacheBytes, ioThreads, adminBind, v, metrics, accessLog, shutdownGracePeriod, limits, auth, rest,
                stream);
    }

    public NodeConfig withMetrics(boolean v) {
        return new NodeConfig(dataDir, bind, port, httpPort, advertiseAddress, prefixes, caseSensitiveSuffix, siteSerial,
                siteDescription, maxFrameBytes, tcpIdleTimeout, udpReassemblyTimeout, udpMaxPendingRequests,
                blockCacheBytes, rowCacheBytes, ioThreads, adminBind, adminPort, v, accessLog, shutdownGracePeriod, limits, auth, rest,
                stream);
    }

    /** The access log file; null = none. */
    public NodeConfig withAccessLog(Path v) {
        return new NodeConfig(dataDir, bind, port, httpPort, advertiseAddress, prefixes, caseSensitiveSuffix, siteSerial,
                siteDescription, maxFrameBytes, tcpIdleTimeout, udpReassemblyTimeout, udpMaxPendingRequests,
                blockCacheBytes, rowCacheBytes, ioThreads, adminBind, adminPort, metrics, v, shutdownGracePeriod, limits, auth, rest,
                stream);
    }

    public NodeConfig withLimits(TrafficLimits v) {
        return new NodeConfig(dataDir, bind, port, httpPort, advertiseAddress, prefixes, caseSensitiveSuffix, siteSerial,
                siteDescription, maxFrameBytes, tcpIdleTimeout, udpReassemblyTimeout, udpMaxPendingRequests,
                blockCacheBytes, rowCacheBytes, ioThreads, adminBind, adminPort, metrics, accessLog, shutdownGracePeriod, v, auth, rest,
                stream);
    }

    public NodeConfig withAuth(AuthSettings v) {
        return new NodeConfig(dataDir, bind, port, httpPort, advertiseAddress, prefixes, caseSensitiveSuffix, siteSerial,
                siteDescription, maxFrameBytes, tcpIdleTimeout, udpReassemblyTimeout, udpMaxPendingRequests,
                blockCacheBytes, rowCacheBytes, ioThreads, adminBind, adminPort, metrics, accessLog, shutdownGracePeriod, limits, v,
                rest, stream);
    }

    public NodeConfig withStream(StreamSettings v) {
        return new NodeConfig(dataDir, bind, port, httpPort, advertiseAddress, prefixes, caseSensitiveSuffix, siteSerial,
                siteDescription, maxFrameBytes, tcpIdleTimeout, udpReassemblyTimeout, udpMaxPendingRequests,
                blockCacheBytes, rowCacheBytes, ioThreads, adminBind, adminPort, metrics, accessLog, shutdownGracePeriod, limits,
                auth, rest, v);
    }

    public NodeConfig withRest(RestSettings v) {
        return new NodeConfig(dataDir, bind, port, httpPort, advertiseAddress, prefixes, caseSensitiveSuffix, siteSerial,
                siteDescription, maxFrameBytes, tcpIdleTimeout, udpReassemblyTimeout, udpMaxPendingRequests,
                blockCacheBytes, rowCacheBytes, ioThreads, adminBind, adminPort, metrics, accessLog, shutdownGracePeriod, limits,
                auth, v, stream);
    }
}
