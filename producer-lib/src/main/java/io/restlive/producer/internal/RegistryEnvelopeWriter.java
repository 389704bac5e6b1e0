package io.restlive.producer.internal;

import io.apicurio.registry.resolver.client.RegistryClientFacade;
import io.apicurio.registry.resolver.config.SchemaResolverConfig;
import io.apicurio.registry.serde.Default4ByteIdHandler;
import io.apicurio.registry.serde.avro.AvroKafkaSerializer;
import io.apicurio.registry.serde.config.SerdeConfig;
import io.apicurio.registry.serde.kafka.config.KafkaSerdeConfig;
import io.restlive.producer.SchemaRegistry;
import io.restlive.schemas.AvroCodecs;
import io.restlive.schemas.ChangeEnvelope;
import java.util.HashMap;
import java.util.Map;

/**
 * Writes envelopes in the schema-registry wire format with Apicurio's serializer: magic byte 0, the 4-byte
 * content id of the registered schema, then the Avro binary (what Confluent's deserializers read too). The
 * schema is registered on first use under the artifact {@code <changes topic>-value}.
 *
 * <p>Only this class touches Apicurio, so producer-lib works without it for the other encodings.
 */
final class RegistryEnvelopeWriter implements AutoCloseable {

    private static final String SERDE_CLASS = "io.apicurio.registry.serde.avro.AvroKafkaSerializer";

    private final AvroKafkaSerializer<ChangeEnvelope> serializer;
    private final String topic;

    private RegistryEnvelopeWriter(SchemaRegistry registry, String topic) {
        AvroCodecs.trustGeneratedClasses();
        Object client = registry.clientOrNull();
        this.serializer = client != null
                ? new AvroKafkaSerializer<>((RegistryClientFacade) client)
                : new AvroKafkaSerializer<>();
        this.topic = topic;
        Map<String, Object> config = new HashMap<>();
        if (registry.url() != null) {
            config.put(SchemaResolverConfig.REGISTRY_URL, registry.url());
        }
        config.put(SchemaResolverConfig.AUTO_REGISTER_ARTIFACT, true);
        // The id goes in the payload (not in headers), 4 bytes as Confluent's format has it.
        config.put(KafkaSerdeConfig.ENABLE_HEADERS, false);
        config.put(SerdeConfig.ID_HANDLER, Default4ByteIdHandler.class.getName());
        config.putAll(registry.properties());
        serializer.configure(config, false);
    }

    /**
     * @throws IllegalStateException naming the missing dependency if Apicurio's serde is not on the classpath
     */
    static RegistryEnvelopeWriter create(SchemaRegistry registry, String topic) {
        try {
            Class.forName(SERDE_CLASS, false, RegistryEnvelopeWriter.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("encoding AVRO_REGISTRY needs Apicurio's serde on the classpath: add "
                    + "io.apicurio:apicurio-registry-avro-serde-kafka (rest-live is tested with 3.1.7)", e);
        }
        return new RegistryEnvelopeWriter(registry, topic);
    }

    /** The envelope's bytes; registers or looks up its schema in the registry (cached after the first call). */
    byte[] write(ChangeEnvelope envelope) {
        return serializer.serialize(topic, envelope);
    }

    @Override
    public void close() {
        serializer.close();
    }
}
