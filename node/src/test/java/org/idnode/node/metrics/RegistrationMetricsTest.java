package org.idnode.node.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import org.idnode.node.auth.Challenges;
import org.idnode.node.auth.Sessions;
import org.idnode.node.storage.GroupCommitter;
import org.idnode.node.storage.RocksHandleStore;
import org.idnode.node.storage.StoreChange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegistrationMetricsTest {
    @TempDir
    Path dir;

    @Test
    void reportsSyncsRegistrationsTheOutboxSessionsAndChallenges() throws Exception {
        try (RocksHandleStore store = RocksHandleStore.open(dir, 8L << 20);
             GroupCommitter committer = new GroupCommitter(store, 16, 100)) {
            Sessions sessions = new Sessions(10, Duration.ofHours(1), System::nanoTime, new SecureRandom());
            Challenges<String> challenges = new Challenges<>(10, 1000, Duration.ofSeconds(20), System::nanoTime,
                    new SecureRandom(), sessions);
            SimpleMeterRegistry registry = new SimpleMeterRegistry();
            new RegistrationMetrics(committer, store, sessions, challenges).bindTo(registry);
            for (int i = 0; i < 3; i++) {
                byte[] key = ("88.1/M" + i).getBytes();
                committer.submit(view -> StoreChange.builder().put(key, new byte[] {1, 0, 0, 0, 0, 0}).event(key).build()).get();
            }
            sessions.open(new byte[32], null, 60);
            challenges.open("r", 1, new byte[32], null);
            assertEquals(3.0, registry.get("idnode.commit.mutations").functionCounter().count());
            assertEquals(3.0, registry.get("idnode.commit.batches").functionCounter().count(), "one at a time: a sync each");
            assertEquals(3.0, registry.get("idnode.outbox.last.sequence").gauge().value());
            assertEquals(1.0, registry.get("idnode.sessions.open").gauge().value());
            assertEquals(1.0, registry.get("idnode.challenges.pending").gauge().value());
        }
    }
}
