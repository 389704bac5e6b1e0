package io.restlive.processor.lookup;

import io.restlive.processor.entities.StoredEntity;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.apache.kafka.streams.state.HostInfo;

/** What lookups need from the entity stores: local reads and where the other instances are. */
public interface EntityStoreAccess {

    /** True while local stores can be queried (Kafka Streams is RUNNING). */
    boolean ready();

    /** The entry of {@code entityKey} in this instance's active stores, tombstones included. */
    Optional<StoredEntity> get(String entityKey);

    /** The first live entity of {@code model} in this instance's active stores that {@code match}es. */
    Optional<StoredEntity> findFirst(String model, Predicate<StoredEntity> match);

    /** The instance whose store holds {@code entityKey} if it is another one; empty if it is this one. */
    Optional<HostInfo> remoteActiveHost(String entityKey);

    /** Every other instance of the application. */
    List<HostInfo> otherHosts();
}
