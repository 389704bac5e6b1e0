package io.restlive.bench.load;

import io.restlive.bench.kafka.BenchKafka;
import io.restlive.schemas.TopicNames;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/** Publishes Avro envelopes with a plain Kafka producer: the interim publisher until producer-lib lands. */
public final class RawAvroPublisher implements ChangePublisher {

    private final KafkaProducer<String, byte[]> producer;
    private final String topic;

    private RawAvroPublisher(KafkaProducer<String, byte[]> producer, String topic) {
        this.producer = producer;
        this.topic = topic;
    }

    public static RawAvroPublisher create(String bootstrapServers, TopicNames topics) {
        return new RawAvroPublisher(new BenchKafka(bootstrapServers).producer(), topics.changes());
    }

    @Override
    public CompletableFuture<?> publish(BenchChange change) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        producer.send(new ProducerRecord<>(topic, change.entityKey(), change.envelopeBytes()), (metadata, error) -> {
            if (error != null) {
                done.completeExceptionally(error);
            } else {
                done.complete(null);
            }
        });
        return done;
    }

    @Override
    public CompletableFuture<?> publishAll(List<BenchChange> changes) {
        List<CompletableFuture<?>> all = new ArrayList<>(changes.size());
        changes.forEach(change -> all.add(publish(change)));
        return CompletableFuture.allOf(all.toArray(CompletableFuture[]::new));
    }

    @Override
    public void close() {
        producer.close();
    }
}
