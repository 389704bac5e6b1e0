package io.restlive.processor.lookup;

import io.restlive.processor.entities.StoredEntity;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.apache.kafka.streams.state.HostInfo;

/** Entity stores in a map, with a configurable cluster around them. */
final class FakeStores implements EntityStoreAccess {

    final Map<String, StoredEntity> entities = new LinkedHashMap<>();
    final Map<String, HostInfo> remoteOwners = new LinkedHashMap<>();
    final List<HostInfo> others = new ArrayList<>();
    boolean ready = true;
    /** Simulates a rebalance between the readiness check and the query. */
    boolean storesMigrated;

    @Override
    public boolean ready() {
        return ready;
    }

    @Override
    public Optional<StoredEntity> get(String entityKey) {
        if (storesMigrated) {
            throw new StoresNotReadyException("migrated", null);
        }
        return Optional.ofNullable(entities.get(entityKey));
    }

    @Override
    public Optional<StoredEntity> findFirst(String model, Predicate<StoredEntity> match) {
        return entities.entrySet().stream()
                .filter(e -> e.getKey().startsWith(model + "|"))
                .map(Map.Entry::getValue)
                .filter(e -> !e.isTombstone() && match.test(e))
                .findFirst();
    }

    @Override
    public Optional<HostInfo> remoteActiveHost(String entityKey) {
        return Optional.ofNullable(remoteOwners.get(entityKey));
    }

    @Override
    public List<HostInfo> otherHosts() {
        return others;
    }
}
