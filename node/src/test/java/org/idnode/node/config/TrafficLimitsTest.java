package org.idnode.node.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrafficLimitsTest {
    @Test
    void everyLimitKeyIsReadFromYaml() {
        NodeConfig c = ConfigLoader.parse("""
                maxConnections: 500
                maxConnectionsPerAddress: 20
                requestReadTimeout: 3s
                inputBufferBytes: 8388608
                replyHighWaterBytes: 65536
                maxQueuedReplyBytes: 1048576
                udpReassemblyBytes: 2097152
                udpReassemblyBytesPerSource: 65536
                udpReplyFactor: 3
                udpTrustedNetworks: [10.0.0.0/8]
                udpProofLifetime: 10m
                udpRepliesPerSecond: 50
                adminMaxConnections: 4
                maxDirectMemoryBytes: 268435456
                """);
        assertEquals(new TrafficLimits(500, 20, Duration.ofSeconds(3), 8 << 20, 65536, 1 << 20, 2 << 20, 65536, 3,
                List.of("10.0.0.0/8"), Duration.ofMinutes(10), 50, 4, 256L << 20), c.limits());
    }

    @Test
    void aKeyLeftOutKeepsItsDefault() {
        assertEquals(TrafficLimits.defaults(), ConfigLoader.parse("port: 2641").limits());
    }

    @Test
    void anOutOfRangeLimitNamesItsKey() {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.parse("maxConnectionsPerAddress: 0"));
        assertTrue(e.getMessage().contains("maxConnectionsPerAddress"), e.getMessage());
        e = assertThrows(ConfigException.class, () -> ConfigLoader.parse("udpTrustedNetworks: [10.0.0.0/33]"));
        assertTrue(e.getMessage().contains("udpTrustedNetworks"), e.getMessage());
        e = assertThrows(ConfigException.class, () -> ConfigLoader.parse("udpTrustedNetworks: [not-an-address]"));
        assertTrue(e.getMessage().contains("udpTrustedNetworks"), e.getMessage());
        e = assertThrows(ConfigException.class, () -> ConfigLoader.parse("maxQueuedReplyBytes: 1000"));
        assertTrue(e.getMessage().contains("maxQueuedReplyBytes"), e.getMessage());
    }

    @Test
    void cidrMatchesItsNetworkOnly() throws Exception {
        Cidr ten = Cidr.parse("10.1.0.0/16");
        assertTrue(ten.contains(InetAddress.getByName("10.1.200.3")));
        assertFalse(ten.contains(InetAddress.getByName("10.2.0.1")));
        assertFalse(ten.contains(InetAddress.getByName("::1")));
        assertTrue(Cidr.parse("::1/128").contains(InetAddress.getByName("::1")));
        assertTrue(Cidr.parse("192.168.1.7").contains(InetAddress.getByName("192.168.1.7")));
        assertTrue(Cidr.parse("172.16.0.0/12").contains(InetAddress.getByName("172.31.255.255")));
        assertFalse(Cidr.parse("172.16.0.0/12").contains(InetAddress.getByName("172.32.0.0")));
        assertThrows(IllegalArgumentException.class, () -> Cidr.parse("10.0.0.0/x"));
    }
}
