package io.restlive.processor.decode;

import io.apicurio.registry.resolver.client.RegistryClientFacade;
import io.apicurio.registry.resolver.config.SchemaResolverConfig;
import io.apicurio.registry.serde.Default4ByteIdHandler;
import io.apicurio.registry.serde.avro.AvroKafkaDeserializer;
import io.apicurio.registry.serde.avro.AvroSerdeConfig;
import io.apicurio.registry.serde.config.SerdeConfig;
import io.restlive.schemas.AvroCodecs;
import io.restlive.schemas.ChangeEnvelope;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeoutException;

/**
 * Change envelopes in the schema-registry wire format (Confluent's: magic byte 0, a 4-byte schema id, the
 * Avro binary), as producer-lib's {@code AVRO_REGISTRY} encoding and Confluent-style producers write them.
 * The writer's schema comes from the registry by its id (cached after the first record); the record is read
 * into rest-live's {@link ChangeEnvelope}, so a producer on an older or newer compatible schema still decodes.
 *
 * <p>A record whose schema the registry does not have, or that does not decode, is invalid (dead-lettered).
 * A registry that cannot be reached is not the record's fault: {@link RegistryUnavailableException} stops
 * processing without committing the record, so it is read again once the registry is back.
 */
public final class RegistryChangeDecoder implements ChangeDecoder {

    /** Magic byte plus the 4-byte id. */
    private static final int HEADER_BYTES = 5;

    private final AvroKafkaDeserializer<ChangeEnvelope> deserializer;
    private final String topic;

    private RegistryChangeDecoder(AvroKafkaDeserializer<ChangeEnvelope> deserializer, String topic,
                                  Map<String, ?> extraSettings, String url) {
        AvroCodecs.trustGeneratedClasses();
        this.deserializer = deserializer;
        this.topic = topic;
        Map<String, Object> config = new HashMap<>();
        config.put(SchemaResolverConfig.REGISTRY_URL, url);
        config.put(SerdeConfig.ID_HANDLER, Default4ByteIdHandler.class.getName());
        config.put(AvroSerdeConfig.USE_SPECIFIC_AVRO_READER, true);
        config.putAll(extraSettings);
        deserializer.configure(config, false);
    }

    /**
     * Reads schemas from the registry at {@code url}.
     *
     * @param topic the changes topic
     * @param extraSettings Apicurio serde settings ({@code apicurio.registry.*}, e.g. authentication)
     */
    public static RegistryChangeDecoder at(String url, String topic, Map<String, ?> extraSettings) {
        return new RegistryChangeDecoder(new AvroKafkaDeserializer<>(), topic, extraSettings, url);
    }

    /** Reads schemas through a client of the caller's, e.g. an in-memory registry in tests. */
    public static RegistryChangeDecoder with(RegistryClientFacade client, String topic) {
        return new RegistryChangeDecoder(new AvroKafkaDeserializer<>(client), topic, Map.of(), "http://in-process");
    }

    @Override
    public String name() {
        return "avro-registry";
    }

    @Override
    public boolean accepts(byte[] value) {
        return value.length >= HEADER_BYTES && value[0] == 0;
    }

    @Override
    public ChangeEvent decode(byte[] value, long recordTimestamp) throws InvalidChangeException {
        ChangeEnvelope envelope;
        try {
            envelope = deserializer.deserialize(topic, value);
        } catch (RuntimeException e) {
            if (unreachable(e)) {
                throw new RegistryUnavailableException("the schema registry could not be reached to decode a change: "
                        + e.getMessage(), e);
            }
            throw new InvalidChangeException("not a ChangeEnvelope in the schema-registry wire format (schema id "
                    + schemaId(value) + "): " + e, e);
        }
        if (envelope == null) {
            throw new InvalidChangeException("the schema-registry record decoded to nothing");
        }
        return AvroChangeDecoder.toEvent(envelope, recordTimestamp, value);
    }

    private static long schemaId(byte[] value) {
        return ((value[1] & 0xFFL) << 24) | ((value[2] & 0xFFL) << 16) | ((value[3] & 0xFFL) << 8) | (value[4] & 0xFFL);
    }

    /** Network failures anywhere in the chain: the registry, not the record, is the problem. */
    private static boolean unreachable(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConnectException || cause instanceof UnknownHostException
                    || cause instanceof SocketTimeoutException || cause instanceof TimeoutException
                    || (cause instanceof IOException && cause.getClass().getName().startsWith("io."))) {
                return true;
            }
        }
        return false;
    }
}
