package org.idnode.node.config;

import static org.idnode.node.config.Checks.range;

/**
 * The registration stream (Kafka). Off unless {@code kafka} names bootstrap servers; then every
 * registration's outbox event is sent to {@code kafkaTopic}, keyed by handle. Flat YAML keys.
 *
 * @param kafka                  bootstrap servers ({@code host:port,...}); null = the node runs alone
 * @param kafkaTopic             the registration topic; made at start if missing (compacted, so it can bootstrap a mirror)
 * @param nodeId                 this node's name in every stream record; null = from the node key's fingerprint
 * @param kafkaPartitions        partitions of a topic made at start
 * @param kafkaReplicationFactor replication factor of a topic made at start
 * @param kafkaMaxInFlight       events sent and not yet acknowledged, at most
 * @param outboxAlarmEvents      unsent events above which {@code /ready} reports the stream not ready
 * @param mirrorOf               bootstrap servers of the primary's Kafka: this node is a read-only mirror
 *                               applying {@code kafkaTopic}; null = not a mirror
 * @param mirrorMaxLag           a mirror further behind than this is not ready ({@code /ready})
 * @param streamBadRecords       what a mirror does with a topic record it cannot read: {@code skip}
 *                               (counted and logged) or {@code dead-letter} (also copied to kafkaDeadLetterTopic)
 * @param kafkaDeadLetterTopic   where {@code dead-letter} copies them; null = {@code kafkaTopic + ".dead-letter"}
 * @param upstreamUrl            the upstream node's reporting endpoint (http or https); every change on the
 *                               topic is POSTed there (node/README.md, "Upstream sync"); null = off
 * @param upstreamBatch          changes per report, at most
 * @param upstreamTimeout        a report not answered within this is retried
 */
public record StreamSettings(String kafka, String kafkaTopic, String nodeId, int kafkaPartitions,
                             int kafkaReplicationFactor, int kafkaMaxInFlight, long outboxAlarmEvents, String mirrorOf,
                             java.time.Duration mirrorMaxLag, String streamBadRecords, String kafkaDeadLetterTopic,
                             String upstreamUrl, int upstreamBatch, java.time.Duration upstreamTimeout) {
    public static final String SKIP = "skip";
    public static final String DEAD_LETTER = "dead-letter";

    public static StreamSettings defaults() {
        return new StreamSettings(null, "idnode.registrations", null, 3, 1, 10_000, 1_000_000, null,
                java.time.Duration.ofSeconds(30), SKIP, null, null, 500, java.time.Duration.ofSeconds(10));
    }

    /** This node publishes its registrations. */
    public boolean enabled() {
        return kafka != null && !kafka.isBlank();
    }

    /** This node is a read-only mirror of the topic at {@link #mirrorOf}. */
    public boolean mirror() {
        return mirrorOf != null && !mirrorOf.isBlank();
    }

    public String deadLetterTopic() {
        return kafkaDeadLetterTopic != null ? kafkaDeadLetterTopic : kafkaTopic + ".dead-letter";
    }

    public StreamSettings withKafka(String v) {
        return new StreamSettings(v, kafkaTopic, nodeId, kafkaPartitions, kafkaReplicationFactor, kafkaMaxInFlight,
                outboxAlarmEvents, mirrorOf, mirrorMaxLag, streamBadRecords, kafkaDeadLetterTopic,
                upstreamUrl, upstreamBatch, upstreamTimeout);
    }

    public StreamSettings withUpstreamUrl(String v) {
        return new StreamSettings(kafka, kafkaTopic, nodeId, kafkaPartitions, kafkaReplicationFactor, kafkaMaxInFlight,
                outboxAlarmEvents, mirrorOf, mirrorMaxLag, streamBadRecords, kafkaDeadLetterTopic, v, upstreamBatch,
                upstreamTimeout);
    }

    /** Upstream sync is on. */
    public boolean upstream() {
        return upstreamUrl != null && !upstreamUrl.isBlank();
    }

    /** The Kafka this node reads the topic from: its own stream's, or its primary's. */
    public String bootstrapServers() {
        return enabled() ? kafka : mirrorOf;
    }

    public StreamSettings withKafkaTopic(String v) {
        return new StreamSettings(kafka, v, nodeId, kafkaPartitions, kafkaReplicationFactor, kafkaMaxInFlight,
                outboxAlarmEvents, mirrorOf, mirrorMaxLag, streamBadRecords, kafkaDeadLetterTopic,
                upstreamUrl, upstreamBatch, upstreamTimeout);
    }

    public StreamSettings withNodeId(String v) {
        return new StreamSettings(kafka, kafkaTopic, v, kafkaPartitions, kafkaReplicationFactor, kafkaMaxInFlight,
                outboxAlarmEvents, mirrorOf, mirrorMaxLag, streamBadRecords, kafkaDeadLetterTopic,
                upstreamUrl, upstreamBatch, upstreamTimeout);
    }

    public StreamSettings withMirrorOf(String v) {
        return new StreamSettings(kafka, kafkaTopic, nodeId, kafkaPartitions, kafkaReplicationFactor, kafkaMaxInFlight,
                outboxAlarmEvents, v, mirrorMaxLag, streamBadRecords, kafkaDeadLetterTopic,
                upstreamUrl, upstreamBatch, upstreamTimeout);
    }

    public StreamSettings withStreamBadRecords(String v) {
        return new StreamSettings(kafka, kafkaTopic, nodeId, kafkaPartitions, kafkaReplicationFactor, kafkaMaxInFlight,
                outboxAlarmEvents, mirrorOf, mirrorMaxLag, v, kafkaDeadLetterTopic,
                upstreamUrl, upstreamBatch, upstreamTimeout);
    }

    private static void servers(String key, String value) {
        for (String s : value.split(",")) {
            int colon = s.trim().lastIndexOf(':');
            if (colon <= 0 || !s.trim().substring(colon + 1).chars().allMatch(Character::isDigit) || colon == s.trim().length() - 1) {
                throw new ConfigException(key, value, "bootstrap servers as host:port[,host:port...]");
            }
        }
    }

    private static void topic(String key, String value) {
        if (value == null || !value.matches("[A-Za-z0-9._-]{1,249}")) {
            throw new ConfigException(key, value, "a Kafka topic name (letters, digits, . _ -; 1..249)");
        }
    }

    public StreamSettings validate() {
        if (enabled()) {
            servers("kafka", kafka);
        }
        if (mirror()) {
            servers("mirrorOf", mirrorOf);
            if (enabled()) {
                throw new ConfigException("mirrorOf", mirrorOf, "unset while kafka is set: a mirror is read-only and publishes nothing");
            }
        }
        if (mirrorMaxLag == null || mirrorMaxLag.isNegative() || mirrorMaxLag.isZero()) {
            throw new ConfigException("mirrorMaxLag", mirrorMaxLag, "a positive duration");
        }
        if (!SKIP.equals(streamBadRecords) && !DEAD_LETTER.equals(streamBadRecords)) {
            throw new ConfigException("streamBadRecords", streamBadRecords, SKIP + " or " + DEAD_LETTER);
        }
        if (upstream()) {
            java.net.URI u;
            try {
                u = new java.net.URI(upstreamUrl);
            } catch (java.net.URISyntaxException e) {
                throw new ConfigException("upstreamUrl", upstreamUrl, "an http or https URL");
            }
            if (!("http".equals(u.getScheme()) || "https".equals(u.getScheme())) || u.getHost() == null) {
                throw new ConfigException("upstreamUrl", upstreamUrl, "an http or https URL");
            }
            if (!enabled() && !mirror()) {
                throw new ConfigException("upstreamUrl", upstreamUrl, "set only with kafka or mirrorOf: the reports come from the topic");
            }
        }
        range("upstreamBatch", upstreamBatch, 1, 10_000);
        if (upstreamTimeout == null || upstreamTimeout.isNegative() || upstreamTimeout.isZero()) {
            throw new ConfigException("upstreamTimeout", upstreamTimeout, "a positive duration");
        }
        if (kafkaDeadLetterTopic != null) {
            topic("kafkaDeadLetterTopic", kafkaDeadLetterTopic);
        }
        topic("kafkaTopic", kafkaTopic);
        if (nodeId != null && (nodeId.isBlank() || nodeId.length() > 255)) {
            throw new ConfigException("nodeId", nodeId, "1..255 characters, or unset for the node key's fingerprint");
        }
        range("kafkaPartitions", kafkaPartitions, 1, 10_000);
        range("kafkaReplicationFactor", kafkaReplicationFactor, 1, 32);
        range("kafkaMaxInFlight", kafkaMaxInFlight, 1, 1_000_000);
        range("outboxAlarmEvents", outboxAlarmEvents, 1, Long.MAX_VALUE);
        return this;
    }
}
