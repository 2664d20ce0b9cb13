package org.idnode.node.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

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
