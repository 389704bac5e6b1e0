package io.restlive.processor.lookup;

import io.restlive.processor.entities.StoredEntity;
import io.restlive.processor.runtime.StreamsRuntime;
import io.restlive.processor.topology.SubscriptionTopology;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/** Interactive queries on the {@code entities} store of the running Kafka Streams. */
public final class KafkaStreamsStoreAccess implements EntityStoreAccess {

    private static final StringSerializer KEYS = new StringSerializer();

    private final StreamsRuntime runtime;

    /** @param runtime the instance's Kafka Streams */
    public KafkaStreamsStoreAccess(StreamsRuntime runtime) {
        this.runtime = runtime;
    }

    @Override
    public boolean ready() {
        return runtime.state() == KafkaStreams.State.RUNNING;
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
    public Optional<HostInfo> remoteActiveHost(String entityKey) {
        KeyQueryMetadata metadata = streams().queryMetadataForKey(SubscriptionTopology.ENTITIES_STORE, entityKey, KEYS);
        if (metadata == null || KeyQueryMetadata.NOT_AVAILABLE.equals(metadata)) {
            return Optional.empty();
        }
        return Optional.of(metadata.activeHost()).filter(host -> !isSelf(host));
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
