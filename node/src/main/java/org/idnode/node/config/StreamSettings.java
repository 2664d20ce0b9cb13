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
 */
public record StreamSettings(String kafka, String kafkaTopic, String nodeId, int kafkaPartitions,
                             int kafkaReplicationFactor, int kafkaMaxInFlight, long outboxAlarmEvents) {

    public static StreamSettings defaults() {
        return new StreamSettings(null, "idnode.registrations", null, 3, 1, 10_000, 1_000_000);
    }

    public boolean enabled() {
        return kafka != null && !kafka.isBlank();
    }

    public StreamSettings withKafka(String v) {
        return new StreamSettings(v, kafkaTopic, nodeId, kafkaPartitions, kafkaReplicationFactor, kafkaMaxInFlight,
                outboxAlarmEvents);
    }

    public StreamSettings validate() {
        if (enabled()) {
            for (String s : kafka.split(",")) {
                int colon = s.trim().lastIndexOf(':');
                if (colon <= 0 || !s.trim().substring(colon + 1).chars().allMatch(Character::isDigit) || colon == s.trim().length() - 1) {
                    throw new ConfigException("kafka", kafka, "bootstrap servers as host:port[,host:port...]");
                }
            }
        }
        if (kafkaTopic == null || !kafkaTopic.matches("[A-Za-z0-9._-]{1,249}")) {
            throw new ConfigException("kafkaTopic", kafkaTopic, "a Kafka topic name (letters, digits, . _ -; 1..249)");
        }
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
