package io.restlive.processor.lookup;

import io.restlive.processor.entities.StoredEntity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.apache.kafka.streams.state.HostInfo;

/** Entity stores in a map, with a configurable cluster around them. */
final class FakeStores implements EntityStoreAccess {

    static final HostInfo SELF = new HostInfo("self", 8081);

    final Map<String, StoredEntity> entities = new LinkedHashMap<>();
    /** Owners by entity key; an entity not listed is owned here, by task 0. */
    final Map<String, HostInfo> remoteOwners = new LinkedHashMap<>();
    final List<HostInfo> others = new ArrayList<>();
    /** Whether this instance's tasks can answer; the fake does not wait. */
    boolean ready = true;
    /** Whether the owners of entities are known (false during a rebalance). */
    boolean ownersKnown = true;
    /** Simulates a rebalance between the readiness check and the query. */
    boolean storesMigrated;
    int readinessChecks;

    @Override
    public Optional<Owner> ownerOf(String entityKey) {
        if (!ownersKnown) {
            return Optional.empty();
        }
        HostInfo remote = remoteOwners.get(entityKey);
        return Optional.of(remote == null ? new Owner(0, SELF, true) : new Owner(1, remote, false));
    }

    @Override
    public boolean awaitReady(int partition, Instant deadline) {
        readinessChecks++;
        return ready;
    }

    @Override
    public boolean awaitAllReady(Instant deadline) {
        readinessChecks++;
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
    public void forEachLive(String model, Consumer<StoredEntity> action) {
        entities.entrySet().stream().filter(e -> e.getKey().startsWith(model + "|")).map(Map.Entry::getValue)
                .filter(e -> !e.isTombstone()).forEach(action);
    }

    @Override
    public List<HostInfo> otherHosts() {
        return others;
    }
}
