package io.restlive.processor.runtime;

import io.restlive.processor.entities.StoredEntity;
import io.restlive.processor.lookup.EntityStoreAccess;
import io.restlive.processor.lookup.StoresNotReadyException;
import io.restlive.processor.lookup.Waiting;
import io.restlive.processor.progress.InputProgress;
import io.restlive.processor.topology.SubscriptionTopology;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.ThreadMetadata;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/** Interactive queries on the {@code entities} store of the running Kafka Streams, and its readiness. */
public final class KafkaStreamsStoreAccess implements EntityStoreAccess {

    private static final StringSerializer KEYS = new StringSerializer();

    private final StreamsRuntime runtime;
    private final InputProgress progress;
    private final String changesTopic;
    private final Clock clock = Clock.systemUTC();

    /**
     * @param runtime the instance's Kafka Streams
     * @param progress how far its tasks have read their input
     * @param changesTopic the changes topic, which tells the membership tasks from the others
     */
    public KafkaStreamsStoreAccess(StreamsRuntime runtime, InputProgress progress, String changesTopic) {
        this.runtime = runtime;
        this.progress = progress;
        this.changesTopic = changesTopic;
    }

    @Override
    public Optional<Owner> ownerOf(String entityKey) {
        KafkaStreams streams = runtime.streams().orElse(null);
        if (streams == null || streams.state() != KafkaStreams.State.RUNNING) {
            return Optional.empty();
        }
        KeyQueryMetadata metadata = streams.queryMetadataForKey(SubscriptionTopology.ENTITIES_STORE, entityKey, KEYS);
        if (metadata == null || KeyQueryMetadata.NOT_AVAILABLE.equals(metadata)) {
            return Optional.empty();
        }
        return Optional.of(new Owner(metadata.partition(), metadata.activeHost(), isSelf(metadata.activeHost())));
    }

    @Override
    public boolean awaitReady(int partition, Instant deadline) {
        while (!ready(Set.of(partition))) {
            if (!Waiting.pause(clock, deadline)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean awaitAllReady(Instant deadline) {
        while (!ready(null)) {
            if (!Waiting.pause(clock, deadline)) {
                return false;
            }
        }
        return true;
    }

    /** Running, and every one of {@code partitions} (null: every active one) active here and caught up. */
    private boolean ready(Set<Integer> partitions) {
        KafkaStreams streams = runtime.streams().orElse(null);
        if (streams == null || streams.state() != KafkaStreams.State.RUNNING) {
            return false;
        }
        Set<Integer> active = activePartitions(streams, changesTopic);
        Set<Integer> wanted = partitions == null ? active : partitions;
        return active.containsAll(wanted) && wanted.stream().allMatch(progress::caughtUp);
    }

    /** The partitions of the membership tasks (those reading {@code changesTopic}) active on this instance. */
    static Set<Integer> activePartitions(KafkaStreams streams, String changesTopic) {
        return streams.metadataForLocalThreads().stream()
                .map(ThreadMetadata::activeTasks)
                .flatMap(Set::stream)
                .filter(task -> task.topicPartitions().stream().anyMatch(tp -> tp.topic().equals(changesTopic)))
                .map(task -> task.taskId().partition())
                .collect(Collectors.toSet());
    }

    @Override
    public Optional<StoredEntity> get(String entityKey) {
        try {
            return Optional.ofNullable(store().get(entityKey));
        } catch (InvalidStateStoreException e) {
            throw new StoresNotReadyException(e.getMessage(), e);
        }
    }

    @Override
    public Optional<StoredEntity> findFirst(String model, Predicate<StoredEntity> match) {
        try (KeyValueIterator<String, StoredEntity> entries = store().prefixScan(model + "|", KEYS)) {
            while (entries.hasNext()) {
                StoredEntity entity = entries.next().value;
                if (!entity.isTombstone() && match.test(entity)) {
                    return Optional.of(entity);
                }
            }
            return Optional.empty();
        } catch (InvalidStateStoreException e) {
            throw new StoresNotReadyException(e.getMessage(), e);
        }
    }

    @Override
    public void forEachLive(String model, Consumer<StoredEntity> action) {
        try (KeyValueIterator<String, StoredEntity> entries = store().prefixScan(model + "|", KEYS)) {
            while (entries.hasNext()) {
                StoredEntity entity = entries.next().value;
                if (!entity.isTombstone()) {
                    action.accept(entity);
                }
            }
        } catch (InvalidStateStoreException e) {
            throw new StoresNotReadyException(e.getMessage(), e);
        }
    }

    @Override
    public List<HostInfo> otherHosts() {
        return streams().metadataForAllStreamsClients().stream()
                .map(StreamsMetadata::hostInfo)
                .filter(host -> !isSelf(host))
                .distinct()
                .toList();
    }

    private boolean isSelf(HostInfo host) {
        return Objects.equals(runtime.self().orElse(null), host);
    }

    private ReadOnlyKeyValueStore<String, StoredEntity> store() {
        return streams().store(StoreQueryParameters.fromNameAndType(SubscriptionTopology.ENTITIES_STORE,
                QueryableStoreTypes.keyValueStore()));
    }

    private KafkaStreams streams() {
        return runtime.streams().orElseThrow(() -> new StoresNotReadyException("Kafka Streams is not running", null));
    }
}
