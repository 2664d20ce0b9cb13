package org.idnode.node.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.idnode.protocol.ProtocolException;
import org.idnode.protocol.ResponseCodes;
import org.junit.jupiter.api.Test;

class SessionsTest {
    final AtomicLong clock = new AtomicLong(1_000_000_000L);
    final Sessions sessions = new Sessions(3, Duration.ofHours(24), clock::get, new SecureRandom());
    final byte[] key = new byte[32];

    @Test
    void aSessionIsFoundByItsIdUntilItsLifetimeEnds() {
        Session s = sessions.open(key, null, 60);
        assertTrue(s.id() > 0, "positive ids: the official client takes MAC'd replies only then");
        assertEquals(s, sessions.get(s.id()));
        clock.addAndGet(Duration.ofSeconds(61).toNanos());
        ProtocolException e = assertThrows(ProtocolException.class, () -> sessions.get(s.id()));
        assertEquals(ResponseCodes.SESSION_TIMEOUT, e.responseCode());
    }

    @Test
    void theLifetimeAClientAsksForIsCappedByTheConfiguredMaximum() {
        Sessions short_ = new Sessions(3, Duration.ofSeconds(10), clock::get, new SecureRandom());
        Session s = short_.open(key, null, 86_400);
        clock.addAndGet(Duration.ofSeconds(11).toNanos());
        assertThrows(ProtocolException.class, () -> short_.get(s.id()));
    }

    @Test
    void aFullTableRefusesWithServerTooBusyUntilExpiredSessionsAreSwept() {
        for (int i = 0; i < 3; i++) {
            sessions.open(key, null, 60);
        }
        ProtocolException e = assertThrows(ProtocolException.class, () -> sessions.open(key, null, 60));
        assertEquals(ResponseCodes.SERVER_TOO_BUSY, e.responseCode());
        clock.addAndGet(Duration.ofSeconds(61).toNanos());
        sessions.open(key, null, 60);
        assertEquals(1, sessions.size());
    }

    @Test
    void aTerminatedSessionIsGone() {
        Session s = sessions.open(key, null, 60);
        sessions.terminate(s.id());
        assertThrows(ProtocolException.class, () -> sessions.get(s.id()));
    }

    @Test
    void eachCounterIsAcceptedOnceAndLateOnesWithinTheWindowToo() {
        Session s = sessions.open(key, null, 60);
        assertTrue(s.acceptCounter(1));
        assertTrue(s.acceptCounter(3));
        assertFalse(s.acceptCounter(3), "a replay");
        assertTrue(s.acceptCounter(2), "overtaken on another connection, not seen yet");
        assertFalse(s.acceptCounter(2));
        assertTrue(s.acceptCounter(200));
        assertFalse(s.acceptCounter(100), "too old to tell: refused");
    }
}
