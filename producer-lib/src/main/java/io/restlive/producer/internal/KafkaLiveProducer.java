package io.restlive.producer.internal;

import io.restlive.producer.Change;
import io.restlive.producer.Encoding;
import io.restlive.producer.LiveProducer;
import io.restlive.producer.PublishException;
import io.restlive.producer.PublishException.Reason;
import io.restlive.producer.Published;
import io.restlive.producer.SchemaRegistry;
import io.restlive.schemas.TopicNames;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import tools.jackson.databind.json.JsonMapper;

/** The {@link LiveProducer} on a Kafka producer: idempotent, {@code acks=all}, keyed by entity. */
public final class KafkaLiveProducer implements LiveProducer {

    private final Producer<byte[], byte[]> producer;
    private final String topic;
    private final EnvelopeEncoder encoder;
    private volatile boolean closed;

    /** A producer on a new Kafka client. */
    public KafkaLiveProducer(String bootstrapServers, TopicNames topics, Encoding encoding, SchemaRegistry registry,
                             JsonMapper mapper, Map<String, Object> kafkaProperties) {
        // The encoder first: a missing registry dependency fails before a Kafka client is created.
        this(new EnvelopeEncoder(encoding, registry, mapper, topics.changes()), topics,
                config(bootstrapServers, kafkaProperties));
    }

    /** A producer on a given Kafka client, e.g. Kafka's MockProducer in tests. */
    public KafkaLiveProducer(Producer<byte[], byte[]> producer, TopicNames topics, Encoding encoding, JsonMapper mapper) {
        this(producer, topics, encoding, null, mapper);
    }

    /** A producer on a given Kafka client with a schema registry for {@link Encoding#AVRO_REGISTRY}. */
    public KafkaLiveProducer(Producer<byte[], byte[]> producer, TopicNames topics, Encoding encoding,
                             SchemaRegistry registry, JsonMapper mapper) {
        this.producer = producer;
        this.topic = topics.changes();
        this.encoder = new EnvelopeEncoder(encoding, registry, mapper, topic);
    }

    private KafkaLiveProducer(EnvelopeEncoder encoder, TopicNames topics, Map<String, Object> config) {
        this.producer = new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
        this.topic = topics.changes();
        this.encoder = encoder;
    }

    private static Map<String, Object> config(String bootstrapServers, Map<String, Object> extra) {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        config.putAll(extra);
        return config;
    }

    @Override
    public CompletableFuture<Published> publish(String model, Object pk, Object instance) {
        return send(Change.upsert(model, pk, instance));
    }

    @Override
    public CompletableFuture<Published> publish(String model, Object pk, Object instance, long version) {
        return send(Change.upsert(model, pk, instance, version));
    }

    @Override
    public CompletableFuture<Published> delete(String model, Object pk) {
        return send(Change.delete(model, pk));
    }

    @Override
    public CompletableFuture<Published> delete(String model, Object pk, long version) {
        return send(Change.delete(model, pk, version));
    }

    @Override
    public CompletableFuture<List<Published>> publishAll(Collection<Change> changes) {
        List<EnvelopeEncoder.Encoded> records = new ArrayList<>(changes.size());
        long ts = System.currentTimeMillis();
        try {
            checkOpen();
            for (Change change : changes) {
                records.add(encoder.encode(change, ts));
            }
        } catch (PublishException e) {
            return CompletableFuture.failedFuture(e);
        }
        List<CompletableFuture<Published>> sent = records.stream().map(this::send).toList();
        return CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new))
                .thenApply(done -> sent.stream().map(CompletableFuture::join).toList());
    }

    private CompletableFuture<Published> send(Change change) {
        try {
            checkOpen();
            return send(encoder.encode(change, System.currentTimeMillis()));
        } catch (PublishException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private CompletableFuture<Published> send(EnvelopeEncoder.Encoded record) {
        CompletableFuture<Published> result = new CompletableFuture<>();
        try {
            producer.send(new ProducerRecord<>(topic, record.key(), record.value()), (metadata, error) -> {
                if (error == null) {
                    result.complete(new Published(metadata.topic(), metadata.partition(), metadata.offset()));
                } else {
                    result.completeExceptionally(failure(error));
                }
            });
        } catch (RuntimeException e) {
            result.completeExceptionally(failure(e));
        }
        return result;
    }

    private static PublishException failure(Throwable error) {
        Reason reason = error instanceof TimeoutException ? Reason.TIMEOUT : Reason.SEND_FAILED;
        return new PublishException(reason, "the broker did not take the change: " + error, error);
    }

    private void checkOpen() {
        if (closed) {
            throw new PublishException(Reason.CLOSED, "the producer is closed", null);
        }
    }

    @Override
    public void close() {
        closed = true;
        producer.close();
        encoder.close();
    }
}
