package io.restlive.processor.topology;

import static io.restlive.processor.topology.TestViews.TASK;
import static io.restlive.processor.topology.TestViews.task;
import static io.restlive.schemas.BroadcastAction.CREATED;
import static io.restlive.schemas.BroadcastAction.DELETED;
import static org.assertj.core.api.Assertions.assertThat;

import io.restlive.core.views.LiveUser;
import io.restlive.processor.decode.ChangeDecoders;
import io.restlive.processor.decode.DeadLetters;
import io.restlive.processor.decode.RegistryChangeDecoder;
import io.restlive.processor.topology.ProcessorHarness.Entry;
import io.restlive.producer.Encoding;
import io.restlive.producer.LiveProducer;
import io.restlive.producer.SchemaRegistry;
import io.restlive.producer.internal.KafkaLiveProducer;
import io.restlive.testing.InMemorySchemaRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

/** Envelopes in the schema-registry wire format, written by producer-lib's AVRO_REGISTRY encoding. */
class RegistryEncodingTest {

    @TempDir
    Path stateDir;
    private final InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
    private final MockProducer<byte[], byte[]> kafka = new MockProducer<>(true, null,
            new ByteArraySerializer(), new ByteArraySerializer());

    @Test
    void shouldDecodeRegistryEnvelopesBesideTheOtherEncodings() {
        try (ProcessorHarness harness = new ProcessorHarness(TestViews.YAML, stateDir, ChangeDecoders.withRegistry(
                RegistryChangeDecoder.with(registry, ProcessorHarness.TOPICS.changes())))) {
            String open = harness.joinList("open-tasks", "{}", LiveUser.ANONYMOUS, "edge-1");

            // when
            publishWithRegistry(producer -> {
                producer.publish(TASK, 1, task(1, "from the registry", false), 1).join();
                producer.delete(TASK, 1, 2).join();
            });
            kafka.history().forEach(record -> harness.pipe(record.key(), record.value()));
            harness.upsert(TASK, 2, task(2, "json", false), null);

            // then
            assertThat(harness.entries()).containsExactly(
                    new Entry(open, CREATED, task(1, "from the registry", false)),
                    new Entry(open, DELETED, "{\"pk\":1,\"id\":1}"),
                    new Entry(open, CREATED, task(2, "json", false)));
            assertThat(harness.deadLetters()).isEmpty();
        }
    }

    @Test
    void shouldDeadLetterAnUnknownSchemaIdAndGoOn() {
        try (ProcessorHarness harness = new ProcessorHarness(TestViews.YAML, stateDir, ChangeDecoders.withRegistry(
                RegistryChangeDecoder.with(registry, ProcessorHarness.TOPICS.changes())))) {
            String open = harness.joinList("open-tasks", "{}", LiveUser.ANONYMOUS, "edge-1");

            // when
            harness.pipe(bytes("todolist.Task|9"), new byte[] {0, 0, 0, 0x7f, 0x7f, 2, 4, 6});
            harness.upsert(TASK, 3, task(3, "after", false), null);

            // then
            assertThat(harness.deadLetters()).singleElement().satisfies(dead ->
                    assertThat(new String(dead.headers().lastHeader(DeadLetters.REASON).value(), StandardCharsets.UTF_8))
                            .contains("schema id " + 0x7f7f));
            assertThat(harness.entries()).containsExactly(new Entry(open, CREATED, task(3, "after", false)));
        }
    }

    @Test
    void shouldNameTheSettingWhenNoRegistryIsConfigured() {
        try (ProcessorHarness harness = new ProcessorHarness(TestViews.YAML, stateDir)) {
            // when
            publishWithRegistry(producer -> producer.publish(TASK, 1, task(1, "x", false), 1).join());
            ProducerRecord<byte[], byte[]> record = kafka.history().get(0);
            harness.pipe(record.key(), record.value());

            // then
            assertThat(harness.deadLetters()).singleElement().satisfies(dead ->
                    assertThat(new String(dead.headers().lastHeader(DeadLetters.REASON).value(), StandardCharsets.UTF_8))
                            .contains("REST_LIVE_REGISTRY_URL"));
        }
    }

    private void publishWithRegistry(Consumer<LiveProducer> publishing) {
        try (LiveProducer producer = new KafkaLiveProducer(kafka, ProcessorHarness.TOPICS, Encoding.AVRO_REGISTRY,
                SchemaRegistry.client(registry), JsonMapper.builder().build())) {
            publishing.accept(producer);
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
