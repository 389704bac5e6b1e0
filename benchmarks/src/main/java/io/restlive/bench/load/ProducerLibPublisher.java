package io.restlive.bench.load;

import io.restlive.producer.Change;
import io.restlive.producer.LiveProducer;
import io.restlive.schemas.TopicNames;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Publishes through producer-lib's {@link LiveProducer} with its defaults (Avro envelopes), as an app would. */
public final class ProducerLibPublisher implements ChangePublisher {

    private final LiveProducer producer;

    private ProducerLibPublisher(LiveProducer producer) {
        this.producer = producer;
    }

    public static ProducerLibPublisher create(String bootstrapServers, TopicNames topics) {
        return new ProducerLibPublisher(LiveProducer.builder()
                .bootstrapServers(bootstrapServers)
                .topicPrefix(topics.prefix())
                .build());
    }

    @Override
    public CompletableFuture<?> publish(BenchChange change) {
        return producer.publish(change.model(), change.pk(), change.instance());
    }

    @Override
    public CompletableFuture<?> publishAll(List<BenchChange> changes) {
        return producer.publishAll(changes.stream()
                .map(change -> Change.upsert(change.model(), change.pk(), change.instance()))
                .toList());
    }

    @Override
    public void close() {
        producer.close();
    }
}
