package org.idnode.node.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ReadinessTest {

    @Test
    void isReadyOnlyWhenEveryCheckPasses() {
        assertTrue(new Readiness().add("a", () -> true).add("b", () -> true).check().ready());
        Readiness.Report r = new Readiness().add("storage", () -> true).add("listeners", () -> false).check();
        assertFalse(r.ready());
        assertEquals("{\"ready\":false,\"checks\":{\"storage\":true,\"listeners\":false}}\n", r.json());
    }

    @Test
    void aCheckThatThrowsHasFailed() {
        Readiness.Report r = new Readiness().add("stream", () -> {
            throw new IllegalStateException("broker gone");
        }).check();
        assertFalse(r.ready());
        assertEquals("{\"ready\":false,\"checks\":{\"stream\":false}}\n", r.json());
    }

    @Test
    void withNoChecksIsReady() {
        assertEquals("{\"ready\":true,\"checks\":{}}\n", new Readiness().check().json());
    }
}
