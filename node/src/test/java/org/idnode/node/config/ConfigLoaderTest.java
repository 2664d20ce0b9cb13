package org.idnode.node.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ConfigLoaderTest {

    @Test
    void anEmptyFileGivesTheDefaults() {
        assertEquals(NodeConfig.defaults(), ConfigLoader.parse(""));
    }

    @Test
    void readsEveryKeyOfTheSampleConfig() {
        NodeConfig c = ConfigLoader.load(Path.of(System.getProperty("user.dir")).resolve("../deploy/idnode.yaml"));
        assertEquals(List.of("88.118.8"), c.prefixes());
        assertEquals(2641, c.port());
        assertEquals(Duration.ofMinutes(5), c.tcpIdleTimeout());
        assertEquals("127.0.0.1", c.adminBind());
        assertEquals(9641, c.adminPort());
        assertTrue(c.metrics());
        assertNull(c.accessLog(), "accessLog: off");
    }

    @Test
    void readsTheOperationsKeys() {
        NodeConfig c = ConfigLoader.parse("adminBind: 0.0.0.0\nadminPort: 0\nmetrics: false\naccessLog: /var/log/idnode/access.log\n");
        assertEquals("0.0.0.0", c.adminBind());
        assertEquals(0, c.adminPort());
        assertFalse(c.metrics());
        assertEquals(Path.of("/var/log/idnode/access.log"), c.accessLog());
        assertEquals(-1, ConfigLoader.parse("adminPort: -1").adminPort(), "-1 = no admin port");
    }

    @ParameterizedTest
    @ValueSource(strings = {"accessLog: off", "accessLog: 'off'", "accessLog: false", "accessLog: none", "accessLog:"})
    void accessLogOffInEverySpelling(String yaml) {
        assertNull(ConfigLoader.parse(yaml).accessLog());
    }

    @Test
    void keysLeftOutKeepTheirDefaults() {
        NodeConfig c = ConfigLoader.parse("port: 3000\nprefixes: [88.118.8, 88.118.9]\ntcpIdleTimeout: 30s\n");
        assertEquals(3000, c.port());
        assertEquals(8000, c.httpPort());
        assertEquals(List.of("88.118.8", "88.118.9"), c.prefixes());
        assertEquals(Duration.ofSeconds(30), c.tcpIdleTimeout());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "port: 70000|port",
            "port: abc|port",
            "httpPort: -1|httpPort",
            "prefixes: [\"88.118/x\"]|prefixes",
            "prefixes: 88.118|prefixes",
            "tcpIdleTimeout: soon|tcpIdleTimeout",
            "tcpIdleTimeout: 0s|tcpIdleTimeout",
            "maxFrameBytes: 10|maxFrameBytes",
            "blockCacheBytes: 5|blockCacheBytes",
            "ioThreads: -2|ioThreads",
            "siteSerial: 70000|siteSerial",
            "caseSensitiveSuffix: maybe|caseSensitiveSuffix",
            "bind: ''|bind",
            "portt: 1|portt",
            "adminPort: 70000|adminPort",
            "adminPort: -2|adminPort",
            "adminPort: 2641|adminPort",
            "adminPort: nine|adminPort",
            "adminBind: ''|adminBind",
            "metrics: maybe|metrics",
            "accessLog: true|accessLog",
            "accessLog: ''|accessLog",
            "accessLog: [a]|accessLog",
            "accessLog: .|accessLog",
            "serverAdmins: [\"0.NA/88.118.8\"]|serverAdmins",
            "serverAdmins: [\"x:0.NA/88\"]|serverAdmins",
            "adminKeyFile: /no/such/admpub.bin|adminKeyFile",
            "challengeLifetime: 0s|challengeLifetime",
            "maxSessions: 0|maxSessions",
            "commitQueue: 1|commitQueue",
            "kafka: nohost|kafka",
            "kafka: 'a:1,b'|kafka",
            "kafkaTopic: 'no spaces'|kafkaTopic",
            "kafkaPartitions: 0|kafkaPartitions",
            "mirrorOf: somewhere|mirrorOf",
            "'{kafka: \"a:1\", mirrorOf: \"b:2\"}'|mirrorOf",
            "mirrorMaxLag: 0s|mirrorMaxLag",
            "streamBadRecords: ignore|streamBadRecords",
            "kafkaDeadLetterTopic: 'a b'|kafkaDeadLetterTopic",
            "'{kafka: \"a:1\", upstreamUrl: \"ftp://x/\"}'|upstreamUrl",
            "upstreamUrl: 'http://up.example/r'|upstreamUrl",
            "upstreamBatch: 0|upstreamBatch",
            "upstreamTimeout: 0s|upstreamTimeout",
            "httpsPort: 70000|httpsPort",
            "maxBatchOperations: 0|maxBatchOperations",
            "maxBatchBytes: 10|maxBatchBytes",
            "'[1, 2]'|file",
            "'port: [1'|file"})
    void refusesABadValueNamingItsKey(String yaml, String key) {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.parse(yaml));
        assertEquals(key, e.key());
        assertTrue(e.getMessage().startsWith("config " + key + ":"), e.getMessage());
    }

    @Test
    void parsesDurationsInShortAndIsoForm() {
        assertEquals(Duration.ofMillis(500), ConfigLoader.parseDuration("500ms"));
        assertEquals(Duration.ofHours(2), ConfigLoader.parseDuration("2h"));
        assertEquals(Duration.ofSeconds(45), ConfigLoader.parseDuration("PT45S"));
    }
}
