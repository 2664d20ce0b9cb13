package org.idnode.node.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

/** Token buckets per source, on a clock the test sets. */
class UdpRateLimiterTest {
    static final long SECOND = 1_000_000_000L;

    @Test
    void aSourceGetsItsBurstThenItsRate() throws Exception {
        UdpRateLimiter l = new UdpRateLimiter(100);
        InetAddress a = InetAddress.getByName("192.0.2.1");
        int allowed = 0;
        for (int i = 0; i < 1000; i++) {
            if (l.allow(a, 0)) {
                allowed++;
            }
        }
        assertEquals(100, allowed, "one second's worth at once");
        assertFalse(l.allow(a, SECOND / 1000), "nothing refilled after 1 ms at 100/s");
        assertTrue(l.allow(a, SECOND / 100 + 1), "one token after 10 ms");
        allowed = 0;
        for (int i = 0; i < 1000; i++) {
            if (l.allow(a, 3 * SECOND)) {
                allowed++;
            }
        }
        assertEquals(100, allowed, "refilled to the burst, never above it");
    }

    @Test
    void trustedSourcesAreExempt() throws Exception {
        UdpRateLimiter l = new UdpRateLimiter(1, a -> a.isLoopbackAddress());
        for (int i = 0; i < 10_000; i++) {
            assertTrue(l.allow(InetAddress.getByName("127.0.0.1"), 0));
        }
        assertTrue(l.allow(InetAddress.getByName("192.0.2.1"), 0));
        assertFalse(l.allow(InetAddress.getByName("192.0.2.1"), 0));
    }

    @Test
    void sourcesDoNotShareABucket() throws Exception {
        UdpRateLimiter l = new UdpRateLimiter(1);
        assertTrue(l.allow(InetAddress.getByName("192.0.2.1"), 0));
        assertFalse(l.allow(InetAddress.getByName("192.0.2.1"), 0));
        assertTrue(l.allow(InetAddress.getByName("192.0.2.2"), 0));
    }

    @Test
    void theTableStaysBoundedAndForgetsIdleSources() throws Exception {
        UdpRateLimiter l = new UdpRateLimiter(10);
        byte[] ip = {10, 0, 0, 0};
        for (int i = 0; i < UdpRateLimiter.MAX_SOURCES; i++) {
            ip[1] = (byte) (i >> 16);
            ip[2] = (byte) (i >> 8);
            ip[3] = (byte) i;
            assertTrue(l.allow(InetAddress.getByAddress(ip), 0));
        }
        InetAddress fresh = InetAddress.getByName("192.0.2.9");
        assertFalse(l.allow(fresh, SECOND / 2), "full of sources active within the second: new ones wait");
        assertTrue(l.allow(fresh, 2 * SECOND), "idle sources forgotten, room again");
        assertEquals(1, l.tracked());
    }
}
