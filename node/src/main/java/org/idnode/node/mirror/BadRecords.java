package org.idnode.node.mirror;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a mirror does with a topic record it cannot read (damaged, another schema version, a change
 * that breaks the record rules): it is counted and logged (at most one line per ten seconds), then
 * either passed over ({@link #skip()}) or first copied, as it was, to a dead-letter topic
 * ({@link #deadLetter}) with headers saying where it came from and why. A dead letter that cannot
 * be sent fails the poll, which is read again: nothing is passed over unrecorded.
 */
public interface BadRecords extends AutoCloseable {
    Logger LOG = LoggerFactory.getLogger(BadRecords.class);

    /** Handles one refused record; throws to have the whole poll read again. */
    void refused(String topic, MirrorApplier.Bad bad);

    @Override
    default void close() {
    }

    static BadRecords skip() {
        return new BadRecords() {
            private long lastLog;

            @Override
            public void refused(String topic, MirrorApplier.Bad bad) {
                lastLog = log(lastLog, topic, bad, "passed over");
            }
        };
    }

    static BadRecords deadLetter(String bootstrap, String deadLetterTopic, String clientId) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "20000");
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "10000");
        return deadLetter(() -> new KafkaProducer<>(p), deadLetterTopic);
    }

    /** With a producer made on first use: a mirror that never meets a bad record never connects for it. */
    static BadRecords deadLetter(java.util.function.Supplier<Producer<byte[], byte[]>> producers, String deadLetterTopic) {
        return new BadRecords() {
            private Producer<byte[], byte[]> producer;
            private long lastLog;

            @Override
            public void refused(String topic, MirrorApplier.Bad bad) {
                if (producer == null) {
                    producer = producers.get();
                }
                MirrorApplier.Incoming r = bad.record();
                ProducerRecord<byte[], byte[]> letter = new ProducerRecord<>(deadLetterTopic, r.key(), r.value());
                letter.headers().add("idnode.source", (topic + "-" + r.partition() + "@" + r.offset()).getBytes(StandardCharsets.UTF_8));
                letter.headers().add("idnode.error", String.valueOf(bad.why()).getBytes(StandardCharsets.UTF_8));
                try {
                    producer.send(letter).get(30, TimeUnit.SECONDS);
                } catch (ExecutionException | TimeoutException e) {
                    throw new IllegalStateException("dead-letter topic " + deadLetterTopic + ": " + e, e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted", e);
                }
                lastLog = log(lastLog, topic, bad, "copied to " + deadLetterTopic);
            }

            @Override
            public void close() {
                if (producer != null) {
                    producer.close(Duration.ofSeconds(5));
                }
            }
        };
    }

    private static long log(long lastLog, String topic, MirrorApplier.Bad bad, String done) {
        long now = System.currentTimeMillis();
        if (now - lastLog < 10_000) {
            return lastLog;
        }
        MirrorApplier.Incoming r = bad.record();
        LOG.warn("mirror: record {}-{}@{} refused ({}), {}", topic, r.partition(), r.offset(), bad.why(), done);
        return now;
    }
}
