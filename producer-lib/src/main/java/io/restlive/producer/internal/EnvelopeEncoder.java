package io.restlive.producer.internal;

import io.restlive.producer.Change;
import io.restlive.producer.Encoding;
import io.restlive.producer.PublishException;
import io.restlive.producer.PublishException.Reason;
import io.restlive.producer.SchemaRegistry;
import io.restlive.schemas.AvroCodecs;
import io.restlive.schemas.ChangeEnvelope;
import io.restlive.schemas.ChangeOp;
import io.restlive.schemas.EntityKeys;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Validates a change and turns it into the record key and value of the changes topic. */
final class EnvelopeEncoder implements AutoCloseable {

    /** A record ready to send. */
    record Encoded(byte[] key, byte[] value) {
    }

    private final Encoding encoding;
    private final JsonMapper mapper;
    private final RegistryEnvelopeWriter registryWriter;

    /**
     * @param registry the schema registry, required for {@link Encoding#AVRO_REGISTRY} only
     * @param topic the changes topic, which names the registry artifact
     */
    EnvelopeEncoder(Encoding encoding, SchemaRegistry registry, JsonMapper mapper, String topic) {
        this.encoding = encoding;
        this.mapper = mapper;
        if (encoding == Encoding.AVRO_REGISTRY) {
            if (registry == null) {
                throw new IllegalArgumentException("encoding AVRO_REGISTRY needs a schema registry");
            }
            this.registryWriter = RegistryEnvelopeWriter.create(registry, topic);
        } else {
            this.registryWriter = null;
        }
    }

    Encoded encode(Change change, long ts) {
        if (change == null || change.op() == null) {
            throw invalid("a change needs an op (UPSERT or DELETE)");
        }
        String key;
        try {
            key = EntityKeys.of(change.model(), change.pk());
        } catch (IllegalArgumentException e) {
            throw invalid(e.getMessage());
        }
        ObjectNode instance = change.op() == ChangeOp.UPSERT ? instance(change) : null;
        byte[] value = switch (encoding) {
            case AVRO -> AvroCodecs.encode(envelope(change, instance, ts));
            case AVRO_REGISTRY -> registry(change, instance, ts);
            case JSON -> json(change, instance, ts);
        };
        return new Encoded(key.getBytes(StandardCharsets.UTF_8), value);
    }

    private ObjectNode instance(Change change) {
        Object instance = change.instance();
        if (instance == null) {
            throw invalid("an UPSERT of " + change.model() + " " + change.pk() + " needs an instance");
        }
        JsonNode node;
        try {
            node = instance instanceof JsonNode json ? json
                    : instance instanceof CharSequence text ? mapper.readTree(text.toString())
                    : mapper.valueToTree(instance);
        } catch (JacksonException e) {
            throw new PublishException(Reason.SERIALIZATION, "the instance of " + change.model() + " "
                    + change.pk() + " cannot be serialized: " + e.getOriginalMessage(), e);
        }
        if (!(node instanceof ObjectNode object)) {
            throw invalid("the instance of " + change.model() + " " + change.pk() + " must serialize to a JSON object");
        }
        return object;
    }

    private ChangeEnvelope envelope(Change change, ObjectNode instance, long ts) {
        Object pk = change.pk() instanceof Number number ? (Object) number.longValue() : change.pk().toString();
        return ChangeEnvelope.newBuilder()
                .setModel(change.model()).setPk(pk).setOp(change.op())
                .setInstance(instance == null ? null : mapper.writeValueAsString(instance))
                .setVersion(change.version()).setTs(Instant.ofEpochMilli(ts)).build();
    }

    private byte[] registry(Change change, ObjectNode instance, long ts) {
        try {
            return registryWriter.write(envelope(change, instance, ts));
        } catch (RuntimeException e) {
            // Apicurio throws plain runtime exceptions when the registry is unreachable or refuses the schema.
            throw new PublishException(Reason.SERIALIZATION, "could not encode " + change.model() + " "
                    + change.pk() + " for the schema registry: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        if (registryWriter != null) {
            registryWriter.close();
        }
    }

    private byte[] json(Change change, ObjectNode instance, long ts) {
        ObjectNode envelope = mapper.createObjectNode();
        envelope.put("model", change.model());
        if (change.pk() instanceof Number number) {
            envelope.put("pk", number.longValue());
        } else {
            envelope.put("pk", change.pk().toString());
        }
        envelope.put("op", change.op().name());
        if (instance != null) {
            envelope.set("instance", instance);
        }
        if (change.version() != null) {
            envelope.put("version", change.version());
        }
        envelope.put("ts", ts);
        return mapper.writeValueAsBytes(envelope);
    }

    private static PublishException invalid(String message) {
        return new PublishException(Reason.INVALID_CHANGE, message, null);
    }
}
