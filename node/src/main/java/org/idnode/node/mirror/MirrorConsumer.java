package org.idnode.node.mirror;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.idnode.node.service.HomedPrefixes;
import org.idnode.node.storage.HandleStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Mirror mode: reads the registration topic from the positions kept in the store and applies
 * every change there ({@link MirrorApplier}), one store write per poll. No consumer group: the
 * position lives with the records it covers, not in Kafka, so a crash between the two cannot
 * happen. A new mirror (no position) reads each partition from its start: the compacted topic holds
 * the latest change of every record, which is a whole copy.
 *
 * <p>Kafka away: polls come back empty and the lag is unknown until it answers. The store failing:
 * nothing of the poll is kept, reading starts again from the stored positions after a pause.
 * Records the decoder refuses go to {@link BadRecords} and are passed over.
 */
public final class MirrorConsumer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MirrorConsumer.class);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final long PARTITION_CHECK_NANOS = TimeUnit.SECONDS.toNanos(30);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(10);

    private final Supplier<Consumer<byte[], byte[]>> consumers;
    private final String topic;
    private final MirrorApplier applier;
    private final HandleStore store;
    private final HomedPrefixes homed;
    private final BadRecords badRecords;
    private final Thread thread;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private volatile Consumer<byte[], byte[]> consumer;

    private final AtomicLong applied = new AtomicLong();
    private final AtomicLong repeats = new AtomicLong();
    private final AtomicLong bad = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    /** Records on the topic not yet applied; -1 while not known (Kafka not reached yet). */
    private volatile long lagRecords = -1;
    private volatile long newestAppliedMillis;
    private volatile boolean caughtUp;
    private volatile long started;
    /** Consumer thread only: time in polls that brought records, and in applying them, until caught up. */
    private long readingNanos;
    private long applyingNanos;

    public MirrorConsumer(Supplier<Consumer<byte[], byte[]>> consumers, String topic, HandleStore store,
                          org.idnode.node.storage.HandleKeys keys, HomedPrefixes homed, BadRecords badRecords) {
        this.consumers = consumers;
        this.topic = topic;
        this.store = store;
        this.applier = new MirrorApplier(store, keys);
        this.homed = homed;
        this.badRecords = badRecords;
        this.thread = new Thread(this::run, "idnode-mirror");
        thread.setDaemon(true);
    }

    /** The consumer settings of a mirror reading from {@code bootstrap}: no group, no commits, large polls. */
    public static Properties consumerConfig(String bootstrap, String clientId) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
        p.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, String.valueOf(32 << 20));
        p.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, String.valueOf(8 << 20));
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, "2000");
        p.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "10000");
        return p;
    }

    public static Supplier<Consumer<byte[], byte[]>> kafka(String bootstrap, String clientId) {
        return () -> new KafkaConsumer<>(consumerConfig(bootstrap, clientId));
    }

    public MirrorConsumer start() {
        started = System.nanoTime();
        thread.start();
        return this;
    }

    public long applied() {
        return applied.get();
    }

    public long repeats() {
        return repeats.get();
    }

    public long badRecords() {
        return bad.get();
    }

    public long errors() {
        return errors.get();
    }

    /** Records on the topic not yet applied, or -1 while Kafka has not answered. */
    public long lagRecords() {
        return lagRecords;
    }

    /** How far behind the primary, in time: the age of the newest change applied while records wait; 0 when none wait. */
    public long lagMillis() {
        long lag = lagRecords;
        if (lag == 0) {
            return 0;
        }
        long newest = newestAppliedMillis;
        return newest == 0 ? -1 : Math.max(0, System.currentTimeMillis() - newest);
    }

    /** True once every record on the topic at some moment was applied (a new mirror has bootstrapped). */
    public boolean caughtUp() {
        return caughtUp;
    }

    private void run() {
        Duration backoff = Duration.ofMillis(100);
        long checked = 0;
        Set<TopicPartition> assigned = Set.of();
        while (running.get()) {
            try {
                if (consumer == null) {
                    consumer = consumers.get();
                    assigned = Set.of();
                }
                if (assigned.isEmpty() || System.nanoTime() - checked > PARTITION_CHECK_NANOS) {
                    Set<TopicPartition> now = partitions(consumer);
                    checked = System.nanoTime();
                    if (!now.equals(assigned)) {
                        assign(consumer, now);
                        assigned = now;
                    }
                    if (assigned.isEmpty()) {
                        park(backoff); // the topic is not there yet: the primary makes it
                        backoff = min(backoff.multipliedBy(2), MAX_BACKOFF);
                        continue;
                    }
                }
                long t0 = System.nanoTime();
                ConsumerRecords<byte[], byte[]> got = consumer.poll(POLL);
                long t1 = System.nanoTime();
                if (!got.isEmpty()) {
                    apply(got);
                    readingNanos += t1 - t0;
                    applyingNanos += System.nanoTime() - t1;
                }
                measureLag(consumer, assigned);
                backoff = Duration.ofMillis(100);
            } catch (WakeupException e) {
                break;
            } catch (RuntimeException e) {
                errors.incrementAndGet();
                LOG.warn("mirror: reading {} failed; reading again from the stored positions: {}", topic, e.toString());
                applier.reset();
                closeConsumer();
                assigned = Set.of();
                park(backoff);
                backoff = min(backoff.multipliedBy(2), MAX_BACKOFF);
            }
        }
        closeConsumer();
    }

    private void apply(ConsumerRecords<byte[], byte[]> got) {
        List<MirrorApplier.Incoming> in = new ArrayList<>(got.count());
        for (ConsumerRecord<byte[], byte[]> r : got) {
            in.add(new MirrorApplier.Incoming(r.partition(), r.offset(), r.key(), r.value()));
        }
        MirrorApplier.Plan plan = applier.plan(in);
        for (MirrorApplier.Bad b : plan.bad()) {
            badRecords.refused(topic, b); // before the write: a dead letter that could not be sent stops it
        }
        applier.commit(plan);
        applied.addAndGet(plan.applied());
        repeats.addAndGet(plan.repeats());
        bad.addAndGet(plan.bad().size());
        if (plan.newestEventMillis() > 0) {
            newestAppliedMillis = Math.max(newestAppliedMillis, plan.newestEventMillis());
        }
        if (plan.prefixesChanged()) {
            homed.replace(new TreeSet<>(store.homedPrefixes()));
        }
    }

    private void measureLag(Consumer<byte[], byte[]> c, Set<TopicPartition> assigned) {
        long sum = 0;
        for (TopicPartition tp : assigned) {
            OptionalLong lag = c.currentLag(tp);
            if (lag.isEmpty()) {
                Map<TopicPartition, Long> end = c.endOffsets(List.of(tp), Duration.ofSeconds(5));
                Long e = end.get(tp);
                if (e == null) {
                    lagRecords = -1;
                    return;
                }
                sum += Math.max(0, e - c.position(tp, Duration.ofSeconds(5)));
            } else {
                sum += lag.getAsLong();
            }
        }
        lagRecords = sum;
        if (sum == 0 && !caughtUp) {
            caughtUp = true;
            long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            LOG.info("mirror: caught up with {} in {} ms: {} changes applied, {} repeats passed over, {} records refused"
                            + " (polls that brought records {} ms, applying them {} ms)", topic, ms, applied.get(), repeats.get(), bad.get(),
                    TimeUnit.NANOSECONDS.toMillis(readingNanos), TimeUnit.NANOSECONDS.toMillis(applyingNanos));
        }
    }

    private Set<TopicPartition> partitions(Consumer<byte[], byte[]> c) {
        Map<String, List<PartitionInfo>> topics = c.listTopics(Duration.ofSeconds(10));
        List<PartitionInfo> infos = topics.get(topic);
        Set<TopicPartition> out = new TreeSet<>(java.util.Comparator.comparingInt(TopicPartition::partition));
        if (infos != null) {
            for (PartitionInfo i : infos) {
                out.add(new TopicPartition(topic, i.partition()));
            }
        }
        return out;
    }

    private void assign(Consumer<byte[], byte[]> c, Set<TopicPartition> parts) {
        c.assign(parts);
        for (TopicPartition tp : parts) {
            long next = applier.position(tp.partition()).nextOffset();
            if (next == 0) {
                c.seekToBeginning(List.of(tp)); // a compacted log may not start at 0
            } else {
                c.seek(tp, next);
            }
        }
        LOG.info("mirror: reading {} partitions of {}", parts.size(), topic);
    }

    private void closeConsumer() {
        Consumer<byte[], byte[]> c = consumer;
        consumer = null;
        if (c != null) {
            try {
                c.close(Duration.ofSeconds(2));
            } catch (RuntimeException e) {
                LOG.debug("mirror: closing the consumer: {}", e.toString());
            }
        }
    }

    private void park(Duration d) {
        if (running.get()) {
            java.util.concurrent.locks.LockSupport.parkNanos(d.toNanos());
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    @Override
    public void close() {
        if (running.compareAndSet(true, false)) {
            Consumer<byte[], byte[]> c = consumer;
            if (c != null) {
                c.wakeup();
            }
            java.util.concurrent.locks.LockSupport.unpark(thread);
            try {
                thread.join(TimeUnit.SECONDS.toMillis(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
