package org.idnode.node.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The REST API's writes, HTTPS listener and authentication (handle-protocol.md §18). Keys are flat in
 * the YAML file, beside the others.
 *
 * @param httpsPort          HTTPS port: the REST API and binary-over-HTTP behind TLS; 0 = ephemeral, -1 = none
 * @param tlsCertificate     PEM certificate chain of the HTTPS listener (needed when httpsPort is not -1)
 * @param tlsPrivateKey      PEM private key (PKCS#8, unencrypted) of that certificate
 * @param allowPlainHttpAuth honour authentication on plain HTTP, from loopback clients only (tests, demos); the
 *                           reference honours it over HTTPS only (§18), and so does the node by default
 * @param maxBatchOperations bound on the operations of one {@code POST /api/batch}
 * @param restSessionTimeout how long an authenticated REST session ({@code Authorization: Handle}) lives unused
 * @param maxBatchBytes      bound on the body of one {@code POST /api/batch}; every other HTTP body is bounded by
 *                           maxFrameBytes (a batch of 1,000 realistic records is about 1 MB)
 */
public record RestSettings(
        int httpsPort,
        Path tlsCertificate,
        Path tlsPrivateKey,
        boolean allowPlainHttpAuth,
        int maxBatchOperations,
        Duration restSessionTimeout,
        int maxBatchBytes) {

    public static RestSettings defaults() {
        return new RestSettings(-1, null, null, false, 1000, Duration.ofMinutes(30), 4 << 20);
    }

    public RestSettings withHttps(int port, Path certificate, Path privateKey) {
        return new RestSettings(port, certificate, privateKey, allowPlainHttpAuth, maxBatchOperations, restSessionTimeout,
                maxBatchBytes);
    }

    public RestSettings withAllowPlainHttpAuth(boolean v) {
        return new RestSettings(httpsPort, tlsCertificate, tlsPrivateKey, v, maxBatchOperations, restSessionTimeout, maxBatchBytes);
    }

    public RestSettings withMaxBatchOperations(int v) {
        return new RestSettings(httpsPort, tlsCertificate, tlsPrivateKey, allowPlainHttpAuth, v, restSessionTimeout, maxBatchBytes);
    }

    /**
     * Throws {@link ConfigException} naming the first key out of range. That HTTPS has both files is
     * checked when the node starts ({@code Listeners}), so each key can be set on its own here.
     */
    public RestSettings validate() {
        if (httpsPort < -1 || httpsPort > 65535) {
            throw new ConfigException("httpsPort", httpsPort, "-1..65535 (0 = any free port, -1 = no HTTPS)");
        }
        file("tlsCertificate", tlsCertificate);
        file("tlsPrivateKey", tlsPrivateKey);
        if (maxBatchOperations < 1 || maxBatchOperations > 100_000) {
            throw new ConfigException("maxBatchOperations", maxBatchOperations, "1..100000");
        }
        if (maxBatchBytes < 262_144 || maxBatchBytes > 64 << 20) {
            throw new ConfigException("maxBatchBytes", maxBatchBytes, "262144..67108864");
        }
        if (restSessionTimeout == null || restSessionTimeout.isNegative() || restSessionTimeout.isZero()) {
            throw new ConfigException("restSessionTimeout", restSessionTimeout, "a positive duration such as 30m");
        }
        return this;
    }

    private static void file(String key, Path p) {
        if (p != null && !Files.isRegularFile(p)) {
            throw new ConfigException(key, p, "an existing PEM file");
        }
    }
}
