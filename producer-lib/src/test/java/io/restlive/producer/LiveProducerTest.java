package io.restlive.producer;

import static org.assertj.core.api.Assertions.assertThat;

import io.restlive.producer.internal.KafkaLiveProducer;
import io.restlive.schemas.AvroCodecs;
import io.restlive.schemas.ChangeEnvelope;
import io.restlive.schemas.ChangeOp;
import io.restlive.schemas.TopicNames;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class LiveProducerTest {

    record Task(long id, String text, boolean done) {
    }

    private final MockProducer<byte[], byte[]> kafka = new MockProducer<>(true, null,
            new ByteArraySerializer(), new ByteArraySerializer());
    private final JsonMapper mapper = JsonMapper.builder().build();

    private LiveProducer producer(Encoding encoding) {
        return new KafkaLiveProducer(kafka, TopicNames.defaults(), encoding, mapper);
    }

    private static PublishException.Reason failureOf(CompletableFuture<?> future) {
        assertThat(future).isCompletedExceptionally();
        try {
            future.join();
            throw new AssertionError("expected a failure");
        } catch (CompletionException e) {
            return ((PublishException) e.getCause()).reason();
        }
    }

    @Test
    void shouldPublishAvroKeyedByEntityOnTheChangesTopic() throws Exception {
        producer(Encoding.AVRO).publish("todolist.Task", 1, new Task(1, "milk", false), 7).join();

        ProducerRecord<byte[], byte[]> record = kafka.history().get(0);
        assertThat(record.topic()).isEqualTo("rest-live.changes");
        assertThat(new String(record.key(), StandardCharsets.UTF_8)).isEqualTo("todolist.Task|1");
        ChangeEnvelope envelope = AvroCodecs.decodeChange(record.value());
        assertThat(envelope.getPk()).isEqualTo(1L);
        assertThat(envelope.getOp()).isEqualTo(ChangeOp.UPSERT);
        assertThat(envelope.getVersion()).isEqualTo(7L);
        assertThat(envelope.getInstance()).isEqualTo("{\"id\":1,\"text\":\"milk\",\"done\":false}");
    }

    @Test
    void shouldPublishTheJsonEnvelopeOtherLanguagesWrite() {
        producer(Encoding.JSON).publish("todolist.Tag", "urgent", Map.of("name", "urgent")).join();
        producer(Encoding.JSON).delete("todolist.Tag", "old").join();

        assertThat(mapper.readTree(kafka.history().get(0).value()).toString())
                .startsWith("{\"model\":\"todolist.Tag\",\"pk\":\"urgent\",\"op\":\"UPSERT\",\"instance\":{\"name\":\"urgent\"},\"ts\":");
        assertThat(new String(kafka.history().get(1).key(), StandardCharsets.UTF_8)).isEqualTo("todolist.Tag|\"old\"");
        assertThat(mapper.readTree(kafka.history().get(1).value()).has("instance")).isFalse();
    }

    @Test
    void shouldAcceptJsonTextAndJsonNodesAsInstances() throws Exception {
        LiveProducer producer = producer(Encoding.AVRO);
        producer.publish("todolist.Task", 2, "{\"id\":2}").join();
        producer.publish("todolist.Task", 3, mapper.readTree("{\"id\":3}")).join();

        assertThat(AvroCodecs.decodeChange(kafka.history().get(1).value()).getInstance()).isEqualTo("{\"id\":3}");
    }

    @Test
    void shouldFailInvalidChangesWithoutSendingAnything() {
        LiveProducer producer = producer(Encoding.AVRO);

        assertThat(failureOf(producer.publish(" ", 1, Map.of()))).isEqualTo(PublishException.Reason.INVALID_CHANGE);
        assertThat(failureOf(producer.publish("a.B", 1.5, Map.of()))).isEqualTo(PublishException.Reason.INVALID_CHANGE);
        assertThat(failureOf(producer.publish("a.B", 1, null))).isEqualTo(PublishException.Reason.INVALID_CHANGE);
        assertThat(failureOf(producer.publish("a.B", 1, List.of(1)))).isEqualTo(PublishException.Reason.INVALID_CHANGE);
        assertThat(failureOf(producer.publish("a.B", 1, "not json"))).isEqualTo(PublishException.Reason.SERIALIZATION);
        assertThat(failureOf(producer.publishAll(List.of(Change.upsert("a.B", 1, Map.of()), Change.upsert("", 2, Map.of())))))
                .as("one bad change in a batch sends none").isEqualTo(PublishException.Reason.INVALID_CHANGE);
        assertThat(kafka.history()).isEmpty();
    }

    @Test
    void shouldPublishABatchInOrder() {
        List<Published> published = producer(Encoding.JSON).publishAll(List.of(
                Change.upsert("a.B", 1, Map.of("v", 1), 1), Change.upsert("a.B", 1, Map.of("v", 2), 2),
                Change.delete("a.B", 1, 3))).join();

        assertThat(published).hasSize(3);
        assertThat(kafka.history()).extracting(r -> mapper.readTree(r.value()).get("version").asLong())
                .containsExactly(1L, 2L, 3L);
    }

    @Test
    void shouldReportBrokerFailuresAndAClosedProducer() {
        MockProducer<byte[], byte[]> failing = new MockProducer<>(false, null, new ByteArraySerializer(), new ByteArraySerializer());
        LiveProducer producer = new KafkaLiveProducer(failing, TopicNames.defaults(), Encoding.AVRO, mapper);
        CompletableFuture<Published> future = producer.publish("a.B", 1, Map.of());
        failing.errorNext(new RuntimeException("broker down"));

        assertThat(failureOf(future)).isEqualTo(PublishException.Reason.SEND_FAILED);
        producer.close();
        assertThat(failureOf(producer.publish("a.B", 1, Map.of()))).isEqualTo(PublishException.Reason.CLOSED);
    }

    @Test
    void shouldRequireBootstrapServers() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> LiveProducer.builder().build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bootstrapServers");
    }
}
