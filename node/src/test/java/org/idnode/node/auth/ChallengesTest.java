package org.idnode.node.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.idnode.protocol.ProtocolException;
import org.idnode.protocol.ResponseCodes;
import org.junit.jupiter.api.Test;

class ChallengesTest {
    final AtomicLong clock = new AtomicLong(5_000_000_000L);
    final Sessions sessions = new Sessions(10, Duration.ofHours(1), clock::get, new SecureRandom());
    final Challenges<String> challenges = new Challenges<>(2, 100, Duration.ofSeconds(20), clock::get, new SecureRandom(), sessions);

    @Test
    void aChallengeCanBeAnsweredOnlyOnce() {
        Challenges.Pending<String> p = challenges.open("request", 10, new byte[32], null);
        assertEquals(16, p.nonce().length);
        assertEquals("request", challenges.take(p.id()).request());
        ProtocolException e = assertThrows(ProtocolException.class, () -> challenges.take(p.id()));
        assertEquals(ResponseCodes.AUTHEN_TIMEOUT, e.responseCode());
    }

    @Test
    void anAnswerAfterTheLifetimeIsRefused() {
        Challenges.Pending<String> p = challenges.open("request", 10, new byte[32], null);
        clock.addAndGet(Duration.ofSeconds(21).toNanos());
        ProtocolException e = assertThrows(ProtocolException.class, () -> challenges.take(p.id()));
        assertEquals(ResponseCodes.AUTHEN_TIMEOUT, e.responseCode());
    }

    @Test
    void theTableIsBoundedInNumberAndInTheOctetsOfTheRequestsItKeeps() {
        challenges.open("a", 10, new byte[32], null);
        challenges.open("b", 10, new byte[32], null);
        assertEquals(ResponseCodes.SERVER_TOO_BUSY,
                assertThrows(ProtocolException.class, () -> challenges.open("c", 10, new byte[32], null)).responseCode());
        Challenges<String> small = new Challenges<>(10, 100, Duration.ofSeconds(20), clock::get, new SecureRandom(), sessions);
        small.open("big", 90, new byte[32], null);
        assertEquals(ResponseCodes.SERVER_TOO_BUSY,
                assertThrows(ProtocolException.class, () -> small.open("more", 20, new byte[32], null)).responseCode());
    }

    @Test
    void inASessionTheChallengeIdIsTheSessionsAndOtherwiseNoSessionsId() {
        Session s = sessions.open(new byte[32], null, 60);
        assertEquals(s.id(), challenges.open("in session", 1, new byte[32], s).id());
        Challenges.Pending<String> p = challenges.open("outside", 1, new byte[32], null);
        assertTrue(p.id() > 0 && p.id() != s.id());
    }
}
