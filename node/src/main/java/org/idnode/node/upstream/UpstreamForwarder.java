package org.idnode.node.upstream;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.idnode.protocol.ProtocolException;
import org.idnode.protocol.stream.StreamRecordCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Upstream sync: reads the registration topic and reports every change to the upstream node's
 * reporting endpoint, one HTTP POST per poll ({@link UpstreamJson}), in topic order. The position is
 * its own, in Kafka (consumer group {@code idnode-upstream-<nodeId>}), committed only once the
 * upstream answered 2xx: a change is reported at least once, and again only after a crash between
 * the answer and the commit; the upstream recognises a repeat by (nodeId, sequence).
 *
 * <p>Anything but 2xx (or no answer within the timeout) is retried, the same batch, with a backoff
 * that doubles from 100 ms to 30 s: nothing is passed over because the upstream was away or
 * refusing, and the lag metric says how far behind the reports are. Records the decoder refuses are
 * counted and not reported.
 */
public final class UpstreamForwarder implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(UpstreamForwarder.class);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    private final Supplier<Consumer<byte[], byte[]>> consumers;
    private final String topic;
    private final URI upstream;
    private final Duration timeout;
    private final HttpClient http;
    private final Thread thread;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private volatile Consumer<byte[], byte[]> consumer;
    private final AtomicLong reported = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private final AtomicLong bad = new AtomicLong();
    private volatile long lagRecords = -1;
    private volatile long lastFailureLog;

    public UpstreamForwarder(Supplier<Consumer<byte[], byte[]>> consumers, String topic, URI upstream, Duration timeout) {
        this.consumers = consumers;
        this.topic = topic;
        this.upstream = upstream;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
        this.thread = new Thread(this::run, "idnode-upstream");
        thread.setDaemon(true);
    }

    public static Supplier<Consumer<byte[], byte[]>> kafka(String bootstrap, String nodeId, int batch) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "idnode-upstream-" + nodeId);
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "idnode-upstream-" + nodeId);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, String.valueOf(batch));
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, "2000");
        p.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "10000");
        return () -> new KafkaConsumer<>(p);
    }

    public UpstreamForwarder start() {
        thread.start();
        return this;
    }

    /** Changes the upstream acknowledged (a repeat after a crash counts again). */
    public long reported() {
        return reported.get();
    }

    /** Reports that failed (each retried). */
    public long failures() {
        return failures.get();
    }

    public long badRecords() {
        return bad.get();
    }

    /** Records on the topic not yet reported; -1 while not known. */
    public long lagRecords() {
        return lagRecords;
    }

    private void run() {
        Duration backoff = Duration.ofMillis(100);
        Set<TopicPartition> assigned = Set.of();
        while (running.get()) {
            try {
                if (consumer == null) {
                    consumer = consumers.get();
                    assigned = Set.of();
                }
                if (assigned.isEmpty()) {
                    assigned = assign(consumer);
                    if (assigned.isEmpty()) {
                        park(backoff);
                        backoff = min(backoff.multipliedBy(2), MAX_BACKOFF);
                        continue;
                    }
                }
                ConsumerRecords<byte[], byte[]> got = consumer.poll(POLL);
                if (!got.isEmpty()) {
                    forward(got);
                }
                measureLag(assigned);
                backoff = Duration.ofMillis(100);
            } catch (WakeupException e) {
                break;
            } catch (RuntimeException e) {
                LOG.warn("upstream: reading {} failed; reading again from the committed position: {}", topic, e.toString());
                closeConsumer();
                assigned = Set.of();
                park(backoff);
                backoff = min(backoff.multipliedBy(2), MAX_BACKOFF);
            }
        }
        closeConsumer();
    }

    private Set<TopicPartition> assign(Consumer<byte[], byte[]> c) {
        List<PartitionInfo> infos = c.listTopics(Duration.ofSeconds(10)).get(topic);
        Set<TopicPartition> parts = new TreeSet<>(java.util.Comparator.comparingInt(TopicPartition::partition));
        if (infos != null) {
            infos.forEach(i -> parts.add(new TopicPartition(topic, i.partition())));
        }
        if (!parts.isEmpty()) {
            c.assign(parts);
            Map<TopicPartition, OffsetAndMetadata> committed = c.committed(parts, Duration.ofSeconds(10));
            for (TopicPartition tp : parts) {
                OffsetAndMetadata at = committed.get(tp);
                if (at == null) {
                    c.seekToBeginning(List.of(tp));
                } else {
                    c.seek(tp, at.offset());
                }
            }
        }
        return parts;
    }

    private void forward(ConsumerRecords<byte[], byte[]> got) {
        List<StreamRecordCodec.StreamRecord> changes = new ArrayList<>(got.count());
        Map<TopicPartition, OffsetAndMetadata> next = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> r : got) {
            next.put(new TopicPartition(r.topic(), r.partition()), new OffsetAndMetadata(r.offset() + 1));
            try {
                changes.add(StreamRecordCodec.decode(r.value()));
            } catch (ProtocolException e) {
                bad.incrementAndGet();
            }
        }
        if (!changes.isEmpty()) {
            send(UpstreamJson.encode(changes));
        }
        if (running.get()) {
            consumer.commitSync(next);
            reported.addAndGet(changes.size());
        }
    }

    /** Posts until the upstream answers 2xx, or the forwarder stops (then the batch is not committed: sent again next time). */
    private void send(byte[] body) {
        Duration backoff = Duration.ofMillis(100);
        while (running.get()) {
            String why;
            try {
                HttpResponse<Void> res = http.send(HttpRequest.newBuilder(upstream).timeout(timeout)
                        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (res.statusCode() / 100 == 2) {
                    return;
                }
                why = "HTTP " + res.statusCode();
            } catch (java.io.IOException e) {
                why = e.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                running.set(false);
                return;
            }
            failures.incrementAndGet();
            long now = System.currentTimeMillis();
            if (now - lastFailureLog > 10_000) {
                lastFailureLog = now;
                LOG.warn("upstream: reporting to {} failed ({}); retrying", upstream, why);
            }
            park(backoff);
            backoff = min(backoff.multipliedBy(2), MAX_BACKOFF);
        }
    }

    private void measureLag(Set<TopicPartition> assigned) {
        long sum = 0;
        for (TopicPartition tp : assigned) {
            OptionalLong lag = consumer.currentLag(tp);
            if (lag.isEmpty()) {
                lagRecords = -1;
                return;
            }
            sum += lag.getAsLong();
        }
        lagRecords = sum;
    }

    private void closeConsumer() {
        Consumer<byte[], byte[]> c = consumer;
        consumer = null;
        if (c != null) {
            try {
                c.close(Duration.ofSeconds(2));
            } catch (RuntimeException e) {
                LOG.debug("upstream: closing the consumer: {}", e.toString());
            }
        }
    }

    private void park(Duration d) {
        if (running.get()) {
            LockSupport.parkNanos(d.toNanos());
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
            LockSupport.unpark(thread);
            try {
                thread.join(TimeUnit.SECONDS.toMillis(15));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
