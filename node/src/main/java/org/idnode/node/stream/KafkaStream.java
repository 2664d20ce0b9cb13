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
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(KafkaStream.class);
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
            try {
                admin.createTopics(List.of(topic)).all().get(15, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
                check(admin, s);
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("topic " + s.kafkaTopic() + ": " + e.getCause(), e.getCause());
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("topic " + s.kafkaTopic() + ": Kafka at " + s.kafka() + " did not answer", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /**
     * A topic that was there already is checked against the config: a topic that is not compacted
     * cannot bootstrap a new mirror, and another number of partitions is only a warning (it was
     * made so, and changing it would move handles between partitions).
     */
    static List<String> check(Admin admin, StreamSettings s) throws ExecutionException, InterruptedException,
            java.util.concurrent.TimeoutException {
        List<String> problems = new java.util.ArrayList<>();
        org.apache.kafka.clients.admin.TopicDescription d = admin.describeTopics(List.of(s.kafkaTopic())).allTopicNames()
                .get(15, TimeUnit.SECONDS).get(s.kafkaTopic());
        org.apache.kafka.common.config.ConfigResource r = new org.apache.kafka.common.config.ConfigResource(
                org.apache.kafka.common.config.ConfigResource.Type.TOPIC, s.kafkaTopic());
        org.apache.kafka.clients.admin.ConfigEntry policy = admin.describeConfigs(List.of(r)).all().get(15, TimeUnit.SECONDS)
                .get(r).get(TopicConfig.CLEANUP_POLICY_CONFIG);
        String cleanup = policy == null ? "" : policy.value();
        if (!cleanup.contains(TopicConfig.CLEANUP_POLICY_COMPACT)) {
            problems.add("topic " + s.kafkaTopic() + " has cleanup.policy=" + cleanup
                    + ", not compact: a new mirror cannot bootstrap from it (set cleanup.policy=compact on the topic)");
        }
        if (d.partitions().size() != s.kafkaPartitions()) {
            problems.add("topic " + s.kafkaTopic() + " has " + d.partitions().size() + " partitions, config kafkaPartitions says "
                    + s.kafkaPartitions() + "; the topic is used as it is");
        }
        problems.forEach(p -> LOG.warn("stream: {}", p));
        return problems;
    }

    @Override
    public void close() {
        publisher.close();
    }
}
