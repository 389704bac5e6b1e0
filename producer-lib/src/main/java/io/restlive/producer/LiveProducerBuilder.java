package io.restlive.producer;

import io.restlive.schemas.TopicNames;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import tools.jackson.databind.json.JsonMapper;

/** Configures a {@link LiveProducer}. */
public final class LiveProducerBuilder {

    /** Builds the producer from the collected settings. */
    public interface Factory {
        LiveProducer create(String bootstrapServers, TopicNames topics, Encoding encoding, SchemaRegistry registry,
                            JsonMapper mapper, Map<String, Object> kafkaProperties);
    }

    private final Factory factory;
    private String bootstrapServers;
    private String topicPrefix = TopicNames.DEFAULT_PREFIX;
    private Encoding encoding = Encoding.AVRO;
    private SchemaRegistry registry;
    private JsonMapper mapper = JsonMapper.builder().build();
    private final Map<String, Object> kafkaProperties = new HashMap<>();

    LiveProducerBuilder(Factory factory) {
        this.factory = factory;
    }

    /**
     * @param bootstrapServers the Kafka cluster, {@code host:port[,host:port]}; required
     * @return this builder
     */
    public LiveProducerBuilder bootstrapServers(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
        return this;
    }

    /**
     * @param topicPrefix the prefix of rest-live's topics; default {@code rest-live.}
     * @return this builder
     */
    public LiveProducerBuilder topicPrefix(String topicPrefix) {
        this.topicPrefix = Objects.requireNonNull(topicPrefix, "topicPrefix");
        return this;
    }

    /**
     * @param encoding how envelopes are written; default {@link Encoding#AVRO}
     * @return this builder
     */
    public LiveProducerBuilder encoding(Encoding encoding) {
        this.encoding = Objects.requireNonNull(encoding, "encoding");
        return this;
    }

    /**
     * @param registry where {@link Encoding#AVRO_REGISTRY} registers and finds the envelope's schema
     * @return this builder
     */
    public LiveProducerBuilder schemaRegistry(SchemaRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
        return this;
    }

    /**
     * @param mapper serializes instances; pass the mapper of your REST API so broadcasts carry the same JSON
     * @return this builder
     */
    public LiveProducerBuilder jsonMapper(JsonMapper mapper) {
        this.mapper = Objects.requireNonNull(mapper, "mapper");
        return this;
    }

    /**
     * @param name a Kafka producer property (security, client id, linger, ...)
     * @param value its value
     * @return this builder
     */
    public LiveProducerBuilder kafkaProperty(String name, Object value) {
        kafkaProperties.put(name, value);
        return this;
    }

    /**
     * @return the producer
     * @throws IllegalArgumentException if the bootstrap servers are missing, the topic prefix is invalid, or
     *     {@link Encoding#AVRO_REGISTRY} has no registry
     * @throws IllegalStateException if {@link Encoding#AVRO_REGISTRY} lacks Apicurio's serde on the classpath
     */
    public LiveProducer build() {
        if (bootstrapServers == null || bootstrapServers.isBlank()) {
            throw new IllegalArgumentException("bootstrapServers is required, e.g. 127.0.0.1:9092");
        }
        if (encoding == Encoding.AVRO_REGISTRY && registry == null) {
            throw new IllegalArgumentException("encoding AVRO_REGISTRY needs schemaRegistry(SchemaRegistry.at(url))");
        }
        return factory.create(bootstrapServers, new TopicNames(topicPrefix), encoding, registry, mapper,
                Map.copyOf(kafkaProperties));
    }
}
