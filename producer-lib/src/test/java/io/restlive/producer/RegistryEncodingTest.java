package io.restlive.producer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.apicurio.registry.resolver.config.SchemaResolverConfig;
import io.apicurio.registry.serde.Default4ByteIdHandler;
import io.apicurio.registry.serde.avro.AvroKafkaDeserializer;
import io.apicurio.registry.serde.avro.AvroSerdeConfig;
import io.apicurio.registry.serde.config.SerdeConfig;
import io.restlive.producer.internal.KafkaLiveProducer;
import io.restlive.schemas.AvroCodecs;
import io.restlive.schemas.ChangeEnvelope;
import io.restlive.schemas.ChangeOp;
import io.restlive.schemas.TopicNames;
import io.restlive.testing.InMemorySchemaRegistry;
import java.nio.ByteBuffer;
import java.util.Map;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** {@link Encoding#AVRO_REGISTRY}: Apicurio's serializer against an in-memory registry. */
class RegistryEncodingTest {

    private final MockProducer<byte[], byte[]> kafka = new MockProducer<>(true, null,
            new ByteArraySerializer(), new ByteArraySerializer());
    private final InMemorySchemaRegistry registry = new InMemorySchemaRegistry();

    private LiveProducer producer() {
        return new KafkaLiveProducer(kafka, TopicNames.defaults(), Encoding.AVRO_REGISTRY,
                SchemaRegistry.client(registry), JsonMapper.builder().build());
    }

    @Test
    void shouldWriteTheRegistryWireFormatThatRegistryDeserializersRead() {
        // when
        int registered;
        try (LiveProducer producer = producer()) {
            producer.publish("todolist.Task", 1, Map.of("id", 1, "text", "milk"), 3).join();
            registered = registry.schemaCount();
            producer.delete("todolist.Task", 1, 4).join();
        }

        // then: magic byte 0 and a 4-byte schema id, registered on the first publish only
        byte[] value = kafka.history().get(0).value();
        assertThat(value[0]).isZero();
        assertThat(ByteBuffer.wrap(value, 1, 4).getInt()).isPositive();
        assertThat(registered).isPositive();
        assertThat(registry.schemaCount()).isEqualTo(registered);
        ChangeEnvelope upsert = read(kafka.history().get(0));
        assertThat(upsert.getModel()).isEqualTo("todolist.Task");
        assertThat(upsert.getPk()).isEqualTo(1L);
        assertThat(upsert.getVersion()).isEqualTo(3L);
        assertThat(upsert.getInstance()).contains("\"text\":\"milk\"");
        ChangeEnvelope delete = read(kafka.history().get(1));
        assertThat(delete.getOp()).isEqualTo(ChangeOp.DELETE);
        assertThat(delete.getInstance()).isNull();
    }

    @Test
    void shouldRequireARegistryForTheRegistryEncoding() {
        assertThatThrownBy(() -> LiveProducer.builder().bootstrapServers("127.0.0.1:9092")
                .encoding(Encoding.AVRO_REGISTRY).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("schemaRegistry");
        assertThatThrownBy(() -> SchemaRegistry.at(" ")).isInstanceOf(IllegalArgumentException.class);
    }

    private ChangeEnvelope read(ProducerRecord<byte[], byte[]> record) {
        AvroCodecs.trustGeneratedClasses();
        try (AvroKafkaDeserializer<ChangeEnvelope> deserializer = new AvroKafkaDeserializer<>(registry)) {
            deserializer.configure(Map.of(SerdeConfig.ID_HANDLER, Default4ByteIdHandler.class.getName(),
                    AvroSerdeConfig.USE_SPECIFIC_AVRO_READER, true,
                    SchemaResolverConfig.REGISTRY_URL, "http://unused"), false);
            return deserializer.deserialize(record.topic(), record.value());
        }
    }
}
