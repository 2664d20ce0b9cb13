package org.idnode.node.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.idnode.node.auth.Challenges;
import org.idnode.node.auth.Sessions;
import org.idnode.node.storage.GroupCommitter;
import org.idnode.node.storage.HandleStore;

/**
 * The write side, read when scraped: group commit (syncs and the registrations they carried, so
 * mutations / batches is the registrations one sync pays for), the outbox's last sequence number,
 * open sessions and challenges awaiting an answer. Requests and their codes per opcode are counted
 * with every other request ({@link RequestMetrics}).
 */
public final class RegistrationMetrics implements MeterBinder {
    private final GroupCommitter committer;
    private final HandleStore store;
    private final Sessions sessions;
    private final Challenges<?> challenges;

    public RegistrationMetrics(GroupCommitter committer, HandleStore store, Sessions sessions, Challenges<?> challenges) {
        this.committer = committer;
        this.store = store;
        this.sessions = sessions;
        this.challenges = challenges;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        FunctionCounter.builder("idnode.commit.batches", committer, GroupCommitter::batches)
                .description("Synced writes made by group commit").register(registry);
        FunctionCounter.builder("idnode.commit.mutations", committer, GroupCommitter::mutations)
                .description("Registrations planned by group commit (written or refused)").register(registry);
        Gauge.builder("idnode.commit.largest.batch", committer, GroupCommitter::largestBatch)
                .description("The most registrations one synced write has carried").register(registry);
        Gauge.builder("idnode.outbox.last.sequence", store, HandleStore::lastSequence)
                .description("Sequence number of the last change put in the outbox").register(registry);
        Gauge.builder("idnode.sessions.open", sessions, Sessions::size)
                .description("Open sessions").register(registry);
        Gauge.builder("idnode.challenges.pending", challenges, Challenges::size)
                .description("Challenges awaiting an answer").register(registry);
    }
}
