package org.idnode.node.stream;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.idnode.node.storage.HandleStore;
import org.idnode.protocol.stream.RegistrationEventCodec;
import org.idnode.protocol.stream.StreamRecordCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the outbox to the registration topic, in sequence order, and removes events once Kafka has
 * acknowledged them, so the outbox stays near-empty while Kafka is up. Registrations never wait for
 * it: they are durable in the outbox before their answer, and this thread only reads it. Kafka down
 * or slow: sends fail or stall here, the outbox grows (bounded by disk; {@link #depth()} and
 * {@link #oldestUnsentMillis()} say how much), and once Kafka answers again everything not yet
 * acknowledged is sent again from the first gap, in order. A change may therefore reach the topic
 * twice (after a crash, or a send that failed after Kafka stored it); consumers apply each
 * (nodeId, sequence) once.
 *
 * <p>Why no transactions: an idempotent producer already keeps one session's sends in order and
 * without duplicates; a transaction would only add atomicity across partitions, which a change of
 * one handle never needs, and it would not remove the repeat after a crash of this process (the
 * outbox removal is not part of a Kafka transaction either).
 */
public final class OutboxPublisher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(OutboxPublisher.class);
    /** Events read from the outbox per pass. */
    private static final int READ_BATCH = 512;
    private static final Duration IDLE_WAIT = Duration.ofMillis(200);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(10);

    private final HandleStore store;
    private final Supplier<Producer<byte[], byte[]>> producers;
    private final String topic;
    private final String nodeId;
    private final int maxInFlight;
    private final Thread thread;
    private final AtomicBoolean running = new AtomicBoolean(true);
    /** Sequences sent and acknowledged above {@link #acknowledged}: acknowledgements may come out of order across partitions. */
    private final ConcurrentSkipListSet<Long> ackedAbove = new ConcurrentSkipListSet<>();
    /** Every event up to this sequence is on the topic (and removed, or about to be, from the outbox). */
    private final AtomicLong acknowledged = new AtomicLong();
    private final AtomicLong inFlight = new AtomicLong();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    private final AtomicBoolean failed = new AtomicBoolean();
    private final AtomicLong generation = new AtomicLong();
    private volatile long lastErrorLog;
    /** Events handed over by the committer, in sequence order (one committer: one producer of these). */
    private final java.util.concurrent.ConcurrentLinkedQueue<HandleStore.OutboxEntry> handed = new java.util.concurrent.ConcurrentLinkedQueue<>();
    private final java.util.concurrent.atomic.AtomicInteger handedCount = new java.util.concurrent.atomic.AtomicInteger();
    private static final int HANDED_MAX = 16_384;

    public OutboxPublisher(HandleStore store, Supplier<Producer<byte[], byte[]>> producers, String topic, String nodeId,
                           int maxInFlight) {
        this.store = store;
        this.producers = producers;
        this.topic = topic;
        this.nodeId = nodeId;
        this.maxInFlight = maxInFlight;
        List<HandleStore.OutboxEntry> first = store.outbox(0, 1);
        acknowledged.set(first.isEmpty() ? store.lastSequence() : first.get(0).sequence() - 1);
        this.thread = new Thread(this::run, "idnode-publisher");
        thread.setDaemon(true);
    }

    public OutboxPublisher start() {
        thread.start();
        return this;
    }

    /** Something was written to the outbox: send it now rather than at the next idle wake-up. */
    public void wake() {
        LockSupport.unpark(thread);
    }

    /**
     * The committer wrote {@code changes} (their events numbered {@code sequences}): their events are
     * handed over in memory, so that while the publisher keeps up it sends them without reading the
     * outbox back. Bounded ({@link #HANDED_MAX}): past it, or for events written some other way, the
     * publisher reads the outbox, which always has them.
     */
    public void written(List<org.idnode.node.storage.StoreChange> changes, long[] sequences) {
        for (int i = 0; i < sequences.length; i++) {
            if (sequences[i] != 0 && handedCount.get() < HANDED_MAX) {
                handed.add(new HandleStore.OutboxEntry(sequences[i], changes.get(i).event()));
                handedCount.incrementAndGet();
            }
        }
        LockSupport.unpark(thread);
    }

    /**
     * Up to {@code limit} events from sequence {@code from} on: the ones handed over when they follow
     * on without a gap, else from the outbox.
     */
    private List<HandleStore.OutboxEntry> next(long from, int limit) {
        HandleStore.OutboxEntry head;
        while ((head = handed.peek()) != null && head.sequence() < from) {
            handed.poll(); // sent already (read from the outbox after a gap)
            handedCount.decrementAndGet();
        }
        if (head == null || head.sequence() != from) {
            return store.outbox(from, limit);
        }
        List<HandleStore.OutboxEntry> out = new java.util.ArrayList<>(Math.min(limit, 64));
        long expect = from;
        while (out.size() < limit && (head = handed.peek()) != null && head.sequence() == expect) {
            out.add(handed.poll());
            handedCount.decrementAndGet();
            expect++;
        }
        return out;
    }

    /** Events in the outbox not yet acknowledged by Kafka. */
    public long depth() {
        return Math.max(0, store.lastSequence() - acknowledged.get());
    }

    /** Sequence number up to which every event is on the topic. */
    public long acknowledged() {
        return acknowledged.get();
    }

    public long sent() {
        return sent.get();
    }

    public long errors() {
        return errors.get();
    }

    /** Age of the oldest event not yet acknowledged (0 when there is none). */
    public long oldestUnsentMillis() {
        List<HandleStore.OutboxEntry> first = store.outbox(acknowledged.get() + 1, 1);
        if (first.isEmpty()) {
            return 0;
        }
        byte[] e = first.get(0).event();
        // RegistrationEventCodec: u8 version, u8 operation, int8 timeMillis.
        long at = e.length >= 10 ? java.nio.ByteBuffer.wrap(e, 2, 8).getLong() : System.currentTimeMillis();
        return Math.max(0, System.currentTimeMillis() - at);
    }

    private void run() {
        Producer<byte[], byte[]> producer = null;
        long next = acknowledged.get() + 1;
        Duration backoff = Duration.ofMillis(100);
        while (running.get()) {
            try {
                if (producer == null || failed.get()) {
                    if (producer != null) {
                        producer.close(Duration.ZERO);
                        // Start again after the last event known to be on the topic: a repeat, never a gap.
                        waitForInFlight();
                        next = acknowledged.get() + 1;
                        producer = null;
                    }
                    failed.set(false);
                    producer = producers.get();
                    generation.incrementAndGet(); // failures reported by an older producer no longer count
                }
                removeAcknowledged();
                long room = maxInFlight - inFlight.get();
                List<HandleStore.OutboxEntry> entries = room <= 0 ? List.of()
                        : next(next, (int) Math.min(READ_BATCH, room));
                if (entries.isEmpty()) {
                    LockSupport.parkNanos(IDLE_WAIT.toNanos());
                    continue;
                }
                for (HandleStore.OutboxEntry e : entries) {
                    send(producer, e);
                    next = e.sequence() + 1;
                }
                backoff = Duration.ofMillis(100);
            } catch (RuntimeException e) {
                failure(e);
                failed.set(true);
            }
            if (failed.get()) {
                // Kafka away or refusing: wait a little longer each time, up to MAX_BACKOFF, then start again.
                LockSupport.parkNanos(backoff.toNanos());
                backoff = min(backoff.multipliedBy(2), MAX_BACKOFF);
            }
        }
        if (producer != null) {
            producer.close(Duration.ofSeconds(5)); // what is in flight gets its chance; the rest stays in the outbox
        }
        removeAcknowledged();
    }

    private void send(Producer<byte[], byte[]> producer, HandleStore.OutboxEntry e) {
        long seq = e.sequence();
        byte[] key = RegistrationEventCodec.topicKey(e.event());
        byte[] value = StreamRecordCodec.encode(nodeId, seq, e.event());
        inFlight.incrementAndGet();
        long gen = generation.get();
        producer.send(new ProducerRecord<>(topic, key, value), (meta, error) -> {
            inFlight.decrementAndGet();
            if (error != null) {
                if (gen == generation.get()) {
                    failure(error);
                    failed.set(true);
                    LockSupport.unpark(thread);
                }
                return;
            }
            // An acknowledgement counts whichever producer got it: the event is on the topic.
            sent.incrementAndGet();
            ackedAbove.add(seq);
            LockSupport.unpark(thread);
        });
    }

    /** Moves the acknowledged mark over the contiguous acknowledged sequences and removes them from the outbox. */
    private void removeAcknowledged() {
        long mark = acknowledged.get();
        long start = mark;
        while (ackedAbove.remove(mark + 1)) {
            mark++;
        }
        if (mark > start) {
            acknowledged.set(mark);
            store.removeOutbox(mark);
        }
    }

    private void waitForInFlight() {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (inFlight.get() > 0 && System.nanoTime() < until) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
        }
        removeAcknowledged();
    }

    private void failure(Throwable t) {
        errors.incrementAndGet();
        long now = System.currentTimeMillis();
        if (now - lastErrorLog > 10_000) {
            lastErrorLog = now;
            LOG.warn("stream: sending the outbox to {} failed ({} events waiting); retrying: {}", topic, depth(), t.toString());
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    @Override
    public void close() {
        if (running.compareAndSet(true, false)) {
            LockSupport.unpark(thread);
            try {
                thread.join(TimeUnit.SECONDS.toMillis(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

}
