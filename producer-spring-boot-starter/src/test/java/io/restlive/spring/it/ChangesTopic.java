package io.restlive.spring.it;

import static org.awaitility.Awaitility.await;

import io.restlive.schemas.AvroCodecs;
import io.restlive.schemas.ChangeEnvelope;
import io.restlive.schemas.TopicNames;
import io.restlive.testing.KafkaFixture;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * The changes topic of one test class on the shared broker: created with a unique prefix, read from the
 * beginning, every record decoded.
 */
public final class ChangesTopic implements AutoCloseable {

    /** One decoded record. */
    public record Received(String key, ChangeEnvelope change) {

        public String model() {
            return change.getModel().toString();
        }

        /** A {@link Long} or a {@link String}. */
        public Object pk() {
            return change.getPk() instanceof CharSequence text ? text.toString() : change.getPk();
        }

        public String op() {
            return change.getOp().name();
        }

        public String instance() {
            return change.getInstance() == null ? null : change.getInstance().toString();
        }

        public Long version() {
            return change.getVersion();
        }
    }

    private static final int PARTITIONS = 3;

    private final String prefix;
    private final KafkaConsumer<String, byte[]> consumer;
    private final List<Received> received = new CopyOnWriteArrayList<>();

    private ChangesTopic(String prefix) {
        this.prefix = prefix;
        String topic = new TopicNames(prefix).changes();
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(topic, PARTITIONS, (short) 1))).all().get();
        } catch (Exception e) {
            throw new IllegalStateException("could not create " + topic, e);
        }
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                new StringDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = new ArrayList<>();
        for (int p = 0; p < PARTITIONS; p++) {
            partitions.add(new TopicPartition(topic, p));
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    /** A fresh topic under a unique prefix. */
    public static ChangesTopic create(String base) {
        return new ChangesTopic(KafkaFixture.unique(base) + ".");
    }

    public static String bootstrapServers() {
        return KafkaFixture.shared().bootstrapServers();
    }

    public String prefix() {
        return prefix;
    }

    /** Every record received so far, in partition order. */
    public List<Received> received() {
        poll();
        return List.copyOf(received);
    }

    /** The records of one entity, in the order they were published. */
    public List<Received> of(String model, Object pk) {
        return received().stream().filter(r -> r.model().equals(model) && r.pk().equals(pk)).toList();
    }

    /** Waits (bounded) until {@code model}/{@code pk} has at least {@code count} records, and returns them. */
    public List<Received> awaitCount(String model, Object pk, int count) {
        return await("changes of " + model + " " + pk).atMost(Duration.ofSeconds(60))
                .until(() -> of(model, pk), list -> list.size() >= count);
    }

    private synchronized void poll() {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
            try {
                received.add(new Received(record.key(), AvroCodecs.decodeChange(record.value())));
            } catch (IOException e) {
                throw new UncheckedIOException("not an Avro change envelope on " + record.topic(), e);
            }
        }
    }

    @Override
    public void close() {
        consumer.close();
    }
}
