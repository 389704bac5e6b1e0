package io.restlive.processor.lookup;

import io.restlive.processor.entities.StoredEntity;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.apache.kafka.streams.state.HostInfo;

/** What lookups need from the entity stores: local reads, readiness, and where the other instances are. */
public interface EntityStoreAccess {

    /**
     * Where an entity lives: the partition of its task, and the instance running that task.
     *
     * @param partition the task's partition
     * @param host the instance's advertised host
     * @param local true if that instance is this one
     */
    record Owner(int partition, HostInfo host, boolean local) {
    }

    /** The owner of {@code entityKey}; empty while no instance is known to run its task (a rebalance). */
    Optional<Owner> ownerOf(String entityKey);

    /**
     * Waits until this instance's task of {@code partition} can answer: Kafka Streams is RUNNING, the task
     * is active here and has caught up with what its partitions held at start-up.
     *
     * @return false if that did not happen by {@code deadline}
     */
    boolean awaitReady(int partition, Instant deadline);

    /** Waits until every active task of this instance can answer, as {@link #awaitReady} does for one. */
    boolean awaitAllReady(Instant deadline);

    /** The entry of {@code entityKey} in this instance's active stores, tombstones included. */
    Optional<StoredEntity> get(String entityKey);

    /** The first live entity of {@code model} in this instance's active stores that {@code match}es. */
    Optional<StoredEntity> findFirst(String model, Predicate<StoredEntity> match);

    /** Calls {@code action} with every live entity of {@code model} in this instance's active stores. */
    void forEachLive(String model, Consumer<StoredEntity> action);

    /** Every other instance of the application. */
    List<HostInfo> otherHosts();
}
