package io.restlive.producer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.restlive.schemas.AvroCodecs;
import io.restlive.schemas.ChangeEnvelope;
import io.restlive.testing.KafkaFixture;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;

class LiveProducerIT {

    @Test
    void shouldDeliverEveryChangeOfAnEntityInOrderToTheBroker() throws Exception {
        // given: a changes topic with several partitions
        KafkaFixture kafka = KafkaFixture.shared();
        String prefix = KafkaFixture.unique("producer-it") + ".";
        try (Admin admin = Admin.create(kafka.clientProperties())) {
            admin.createTopics(List.of(new NewTopic(prefix + "changes", 3, (short) 1))).all().get();
        }

        // when: 50 versions of one entity and a delete are published
        try (LiveProducer producer = LiveProducer.builder().bootstrapServers(kafka.bootstrapServers())
                .topicPrefix(prefix).build()) {
            List<Change> changes = new ArrayList<>();
            for (int version = 1; version <= 50; version++) {
                changes.add(Change.upsert("todolist.Task", 1, Map.of("id", 1, "n", version), version));
            }
            producer.publishAll(changes).join();
            producer.delete("todolist.Task", 1, 51).join();
        }

        // then: they are all in one partition, in order
        Properties props = kafka.clientProperties();
        props.put(ConsumerConfig.GROUP_ID_CONFIG, prefix + "reader");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<ChangeEnvelope> received = new ArrayList<>();
        List<Integer> partitions = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(prefix + "changes"));
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                for (var record : consumer.poll(Duration.ofMillis(200))) {
                    received.add(AvroCodecs.decodeChange(record.value()));
                    partitions.add(record.partition());
                }
                return received.size() == 51;
            });
        }
        assertThat(partitions).containsOnly(partitions.get(0));
        assertThat(received).extracting(ChangeEnvelope::getVersion).isSorted().endsWith(51L);
        assertThat(received.get(50).getInstance()).isNull();
    }
}
