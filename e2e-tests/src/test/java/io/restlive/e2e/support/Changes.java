package io.restlive.e2e.support;

import io.restlive.cli.publish.ChangeEnvelopes;
import io.restlive.cli.publish.ChangeRecord;
import io.restlive.cli.publish.InvalidEnvelopeException;
import io.restlive.core.json.Json;
import io.restlive.schemas.TopicNames;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import tools.jackson.databind.node.ObjectNode;

/**
 * Publishes changes the way a backend in any language does: JSON envelopes keyed by entity, validated
 * and keyed exactly as {@code ./rest-live publish} does, each acknowledged by the broker before returning.
 */
public final class Changes implements AutoCloseable {

    private final KafkaProducer<String, String> producer;
    private final String topic;

    public Changes(String bootstrapServers, String topicPrefix) {
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true), new StringSerializer(), new StringSerializer());
        this.topic = new TopicNames(topicPrefix).changes();
    }

    /** Publishes an UPSERT of {@code model} {@code pk} with {@code instanceJson} as its full state. */
    public void upsert(String model, Object pk, String instanceJson) {
        ObjectNode envelope = Json.NODES.objectNode().put("model", model).put("op", "UPSERT");
        envelope.set("pk", Json.MAPPER.valueToTree(pk));
        envelope.set("instance", Json.parseObject(instanceJson));
        publish(Json.write(envelope));
    }

    /** Publishes a DELETE of {@code model} {@code pk}. */
    public void delete(String model, Object pk) {
        ObjectNode envelope = Json.NODES.objectNode().put("model", model).put("op", "DELETE");
        envelope.set("pk", Json.MAPPER.valueToTree(pk));
        publish(Json.write(envelope));
    }

    /** Publishes a raw JSON envelope after validating it. */
    public void publish(String envelopeJson) {
        try {
            ChangeRecord change = ChangeEnvelopes.validate(envelopeJson, Instant.now());
            producer.send(new ProducerRecord<>(topic, change.key(), change.envelopeJson())).get(30, TimeUnit.SECONDS);
        } catch (InvalidEnvelopeException e) {
            throw new IllegalArgumentException("the test built an invalid envelope: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while publishing to " + topic, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the broker did not acknowledge a change to " + topic, e);
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
