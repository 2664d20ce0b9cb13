package org.idnode.bench.stream;

import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.idnode.bench.load.CreateRecords;
import org.idnode.protocol.stream.RegistrationEvent;
import org.idnode.protocol.stream.RegistrationEventCodec;
import org.idnode.protocol.stream.StreamRecordCodec;

/**
 * Fills a registration topic with COUNT creates of the load tool's realistic records (URL, DESC,
 * a 300-octet JSON value, HS_ADMIN), as a primary would have streamed them (protocol/STREAM.md):
 * for measuring how fast a new mirror bootstraps. The topic is made (compacted) when missing.
 *
 * <pre>java -cp benchmarks/target/idnode-benchmarks.jar org.idnode.bench.stream.TopicFill \
 *     BOOTSTRAP TOPIC PREFIX COUNT [PARTITIONS]</pre>
 */
public final class TopicFill {
    private TopicFill() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 4) {
            System.err.println("usage: TopicFill BOOTSTRAP TOPIC PREFIX COUNT [PARTITIONS]");
            System.exit(2);
        }
        String bootstrap = args[0];
        String topic = args[1];
        String prefix = args[2];
        long count = Long.parseLong(args[3]);
        int partitions = args.length > 4 ? Integer.parseInt(args[4]) : 3;
        if (count < 1 || count > 1_000_000_000L) {
            throw new IllegalArgumentException("COUNT: 1..1000000000");
        }
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1)
                    .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT))))
                    .all().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
        }
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "20");
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, String.valueOf(256 << 10));
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        CreateRecords records = new CreateRecords("0.NA/" + prefix, 300);
        long start = System.nanoTime();
        long seq = 0;
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p)) {
            String home = "0.NA/" + prefix;
            byte[] homeEvent = RegistrationEventCodec.encode(new RegistrationEvent(RegistrationEvent.Operation.HOME_PREFIX, home,
                    List.of(), System.currentTimeMillis(), ""));
            producer.send(new ProducerRecord<>(topic, RegistrationEventCodec.topicKey(homeEvent),
                    StreamRecordCodec.encode("fill", ++seq, homeEvent)));
            for (long i = 0; i < count; i++) {
                String handle = prefix + "/FILL-" + i;
                byte[] event = RegistrationEventCodec.encode(new RegistrationEvent(RegistrationEvent.Operation.PUT, handle,
                        records.values(handle), System.currentTimeMillis(), "300:0.NA/" + prefix));
                producer.send(new ProducerRecord<>(topic, RegistrationEventCodec.topicKey(event),
                        StreamRecordCodec.encode("fill", ++seq, event)));
            }
            producer.flush();
        }
        double s = (System.nanoTime() - start) / 1e9;
        System.out.printf("%d records on %s in %.1f s (%.0f/s)%n", seq, topic, s, seq / s);
    }
}
