package io.restlive.cli.publish;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Sends one change record with a plain Kafka producer (acks=all, idempotent) and waits for the broker's
 * acknowledgement: what any non-Java backend would do.
 */
public final class ChangePublisher {

    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(30);

    private ChangePublisher() {
    }

    /**
     * Sends {@code change} to {@code topic} and returns where it landed.
     *
     * @throws PublishFailedException if the broker did not acknowledge it in time
     */
    public static RecordMetadata send(String bootstrapServers, String topic, ChangeRecord change)
            throws PublishFailedException, InterruptedException {
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.CLIENT_ID_CONFIG, "rest-live-cli",
                // Fail in seconds, not the default minute, when the broker or the topic is missing.
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 15_000,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 20_000,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        try (KafkaProducer<String, String> producer =
                new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
            return producer.send(new ProducerRecord<>(topic, change.key(), change.envelopeJson()))
                    .get(SEND_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException | org.apache.kafka.common.KafkaException e) {
            Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
            throw new PublishFailedException("could not publish to " + topic + " at " + bootstrapServers + ": "
                    + cause.getMessage() + "\n(is the broker running, and does the topic exist? rest-live's"
                    + " processor creates its topics when it starts: run './rest-live run' first)", cause);
        }
    }
}
