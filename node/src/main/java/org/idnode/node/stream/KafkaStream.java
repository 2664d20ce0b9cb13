package org.idnode.node.stream;

import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.idnode.node.config.StreamSettings;
import org.idnode.node.storage.HandleStore;

/**
 * The producer side of the registration stream: the topic (made when missing, compacted so that a
 * new mirror can bootstrap from it, keyed by handle) and the {@link OutboxPublisher} that feeds it.
 * Kafka being away at start does not stop the node: the topic is made, and the producer built, by
 * the publisher's thread, retried until Kafka answers.
 */
public final class KafkaStream implements AutoCloseable {
    private final OutboxPublisher publisher;

    private KafkaStream(OutboxPublisher publisher) {
        this.publisher = publisher;
    }

    public static KafkaStream start(StreamSettings settings, String nodeId, HandleStore store) {
        OutboxPublisher publisher = new OutboxPublisher(store, () -> {
            ensureTopic(settings);
            return new KafkaProducer<>(producerConfig(settings, nodeId));
        }, settings.kafkaTopic(), nodeId, settings.kafkaMaxInFlight());
        return new KafkaStream(publisher.start());
    }

    public OutboxPublisher publisher() {
        return publisher;
    }

    static Properties producerConfig(StreamSettings s, String nodeId) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, s.kafka());
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "idnode-" + nodeId);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        // Idempotent: in order and without duplicates within one producer session, whatever retries.
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "5");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        // A send that can't be delivered fails within 30 s; the publisher then starts again from the outbox.
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "30000");
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "10000");
        p.put(ProducerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, "2000");
        return p;
    }

    /** Makes the topic when missing: compacted (latest change per handle kept), as configured. */
    static void ensureTopic(StreamSettings s) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, s.kafka(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000, AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000))) {
            NewTopic topic = new NewTopic(s.kafkaTopic(), s.kafkaPartitions(), (short) s.kafkaReplicationFactor())
                    .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
            admin.createTopics(List.of(topic)).all().get(15, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("topic " + s.kafkaTopic() + ": " + e.getCause(), e.getCause());
            }
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("topic " + s.kafkaTopic() + ": Kafka at " + s.kafka() + " did not answer", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    @Override
    public void close() {
        publisher.close();
    }
}
