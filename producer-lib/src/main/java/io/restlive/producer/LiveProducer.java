package io.restlive.producer;

import io.restlive.producer.internal.KafkaLiveProducer;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Publishes entity changes to rest-live's changes topic. Thread-safe; create one per app and close it
 * at shutdown.
 *
 * <p>Every method returns a future and never throws: an invalid change, a serialization problem, a
 * broker failure or a closed producer complete the future exceptionally with a {@link PublishException}
 * whose {@link PublishException#reason()} says which. All changes of one entity go to one partition,
 * in the order they were published.
 */
public interface LiveProducer extends AutoCloseable {

    /** @return a builder; {@link LiveProducerBuilder#bootstrapServers} is required */
    static LiveProducerBuilder builder() {
        return new LiveProducerBuilder(KafkaLiveProducer::new);
    }

    /**
     * Publishes the new state of an entity.
     *
     * @param model the model label, e.g. {@code todolist.Task}
     * @param pk the primary key: an integral number or a string
     * @param instance the full state after the change: a Map, a POJO or record, a Jackson JsonNode, or JSON object text
     * @return completes when the broker has the change
     */
    CompletableFuture<Published> publish(String model, Object pk, Object instance);

    /**
     * Publishes the new state of an entity at a version; the processor drops versions lower than or
     * equal to one it already applied.
     *
     * @param model the model label
     * @param pk the primary key
     * @param instance the full state after the change
     * @param version grows per entity (row version, updated-at millis)
     * @return completes when the broker has the change
     */
    CompletableFuture<Published> publish(String model, Object pk, Object instance, long version);

    /**
     * Publishes the deletion of an entity.
     *
     * @param model the model label
     * @param pk the primary key
     * @return completes when the broker has the change
     */
    CompletableFuture<Published> delete(String model, Object pk);

    /**
     * Publishes the deletion of an entity at a version.
     *
     * @param model the model label
     * @param pk the primary key
     * @param version grows per entity
     * @return completes when the broker has the change
     */
    CompletableFuture<Published> delete(String model, Object pk, long version);

    /**
     * Publishes many changes, e.g. after a bulk {@code UPDATE ... WHERE}. If any change is invalid,
     * nothing is sent.
     *
     * @param changes the changes, sent in this order
     * @return completes with where each went, in the same order, when the broker has them all
     */
    CompletableFuture<List<Published>> publishAll(Collection<Change> changes);

    /** Sends what is buffered, then releases the Kafka producer; later calls fail with {@code CLOSED}. */
    @Override
    void close();
}
