package io.restlive.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.restlive.core.json.Json;
import io.restlive.testing.KafkaFixture;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

class PublishIT {

    private final KafkaFixture kafka = KafkaFixture.shared();

    @Test
    void shouldPublishEnvelopeKeyedByEntityToChangesTopic() throws Exception {
        // given
        String prefix = KafkaFixture.unique("cli-publish") + ".";
        String topic = prefix + "changes";
        try (Admin admin = Admin.create(kafka.clientProperties())) {
            admin.createTopics(List.of(new NewTopic(topic, 3, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CliContext context = new CliContext(Map.of(), Path.of(""), null, new ByteArrayInputStream(new byte[0]),
                new PrintStream(out, true, StandardCharsets.UTF_8), System.err);

        // when
        int exit = RestLiveCli.run(List.of("publish", "--bootstrap-servers", kafka.bootstrapServers(),
                "--topic-prefix", prefix,
                "{\"model\":\"todolist.Task\",\"pk\":1,\"instance\":{\"id\":1,\"text\":\"Buy milk\",\"done\":false},\"ts\":42}"),
                context);

        // then
        assertThat(exit).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8))
                .matches("published todolist\\.Task\\|1 to " + topic.replace(".", "\\.") + " partition \\d offset 0\\R");
        List<ConsumerRecord<String, String>> records = consume(topic);
        assertThat(records).singleElement().satisfies(record -> {
            assertThat(record.key()).isEqualTo("todolist.Task|1");
            assertThat(Json.parse(record.value())).isEqualTo(Json.parse("{\"model\":\"todolist.Task\",\"pk\":1,"
                    + "\"instance\":{\"id\":1,\"text\":\"Buy milk\",\"done\":false},\"ts\":42,\"op\":\"UPSERT\"}"));
        });
    }

    private List<ConsumerRecord<String, String>> consume(String topic) {
        List<ConsumerRecord<String, String>> records = new CopyOnWriteArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                "bootstrap.servers", kafka.bootstrapServers(), "group.id", KafkaFixture.unique("cli-it"),
                "auto.offset.reset", "earliest"), new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
                assertThat(records).isNotEmpty();
            });
        }
        return records;
    }
}
