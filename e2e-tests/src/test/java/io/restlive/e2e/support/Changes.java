package io.restlive.e2e.support;

import io.restlive.cli.publish.ChangeEnvelopes;
import io.restlive.cli.publish.ChangeRecord;
import io.restlive.cli.publish.InvalidEnvelopeException;
import io.restlive.producer.LiveProducer;
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

/**
 * Publishes changes as apps do: {@link #upsert} and {@link #delete} through producer-lib (Avro envelopes),
 * {@link #publish} as a raw JSON envelope the way a backend in any language does (validated and keyed
 * exactly as {@code ./rest-live publish} does). Each call returns once the broker acknowledged it.
 */
public final class Changes implements AutoCloseable {

    private final KafkaProducer<String, String> producer;
    private final String topic;
    private final LiveProducer live;

    public Changes(String bootstrapServers, String topicPrefix) {
        this.live = LiveProducer.builder().bootstrapServers(bootstrapServers).topicPrefix(topicPrefix).build();
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true), new StringSerializer(), new StringSerializer());
        this.topic = new TopicNames(topicPrefix).changes();
    }

    /** Publishes an UPSERT of {@code model} {@code pk} with {@code instanceJson} as its full state. */
    public void upsert(String model, Object pk, String instanceJson) {
        live.publish(model, pk, instanceJson).orTimeout(30, TimeUnit.SECONDS).join();
    }

    /** Publishes a DELETE of {@code model} {@code pk}. */
    public void delete(String model, Object pk) {
        live.delete(model, pk).orTimeout(30, TimeUnit.SECONDS).join();
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
        live.close();
        producer.close();
    }
}
