package org.idnode.node.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.idnode.protocol.ProtocolException;
import org.idnode.protocol.ResponseCodes;
import org.junit.jupiter.api.Test;

class RestSessionsTest {
    final AtomicLong now = new AtomicLong();
    final RestSessions sessions = new RestSessions(2, Duration.ofSeconds(20), Duration.ofMinutes(30), now::get,
            new SecureRandom());
    final Identity admin = new Identity("88.118.8/ADMIN", 301);

    @Test
    void anUnansweredChallengeEndsAfterTheChallengeLifetime() {
        RestSessions.Entry e = sessions.challenge();
        now.addAndGet(Duration.ofSeconds(19).toNanos());
        assertNotNull(sessions.find(e.id()));
        now.addAndGet(Duration.ofSeconds(1).toNanos());
        assertNull(sessions.find(e.id()));
    }

    @Test
    void anAnsweredSessionLivesWhileUsedAndEndsAfterItsIdleTimeout() {
        RestSessions.Entry e = sessions.authenticate(sessions.challenge(), admin);
        for (int i = 0; i < 3; i++) {
            now.addAndGet(Duration.ofMinutes(29).toNanos());
            assertEquals(admin, sessions.find(e.id()).identity(), "used within its idle timeout");
        }
        now.addAndGet(Duration.ofMinutes(30).toNanos());
        assertNull(sessions.find(e.id()));
    }

    @Test
    void aFullTableRefusesNewChallengesWithRc3UntilOnesExpire() {
        sessions.challenge();
        sessions.challenge();
        ProtocolException full = assertThrows(ProtocolException.class, sessions::challenge);
        assertEquals(ResponseCodes.SERVER_TOO_BUSY, full.responseCode());
        now.addAndGet(Duration.ofSeconds(21).toNanos());
        assertNotNull(sessions.challenge(), "expired challenges are swept to make room");
    }

    @Test
    void eachChallengeHasItsOwnIdAndA16OctetNonce() {
        RestSessions.Entry a = sessions.challenge();
        RestSessions.Entry b = sessions.challenge();
        assertEquals(16, a.nonce().length);
        assertEquals(false, a.id().equals(b.id()));
    }
}
