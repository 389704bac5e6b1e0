package io.restlive.processor.groups;

import io.restlive.core.groups.GroupSpecs;
import io.restlive.processor.catchup.PendingCatchUps;
import io.restlive.processor.entities.Pks;
import io.restlive.schemas.AvroCodecs;
import io.restlive.schemas.CatchUpRequest;
import io.restlive.schemas.GroupSpec;
import io.restlive.schemas.SubscriptionCommand;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * The global processor of the subscriptions topic: keeps the {@code subscription-groups} store (the live
 * {@code <groupKey>|<edgeId>} pairs with their commands) and the in-memory {@link GroupIndex} in step.
 *
 * <p>Kafka Streams restores the store before {@link #init}, so init rebuilds the index from it. A live
 * join of a retrieve subscriber may carry a catch-up request, registered in {@link PendingCatchUps}
 * before the join reaches the index.
 */
public final class GroupStoreProcessor implements Processor<String, byte[], Void, Void> {

    private static final Logger log = LoggerFactory.getLogger(GroupStoreProcessor.class);
    /** Catch-up requests older than this (by the edge's clock) are not live joins but replayed ones. */
    static final Duration CATCH_UP_MAX_AGE = Duration.ofSeconds(60);

    private final String storeName;
    private final GroupFactory factory;
    private final GroupIndex index;
    private final PendingCatchUps catchUps;
    private KeyValueStore<String, byte[]> store;

    /**
     * @param storeName the global store
     * @param factory builds groups from specs against the views file
     * @param index the index shared with the stream threads
     * @param catchUps where retrieve subscribers' catch-up requests wait for the entity's task
     */
    public GroupStoreProcessor(String storeName, GroupFactory factory, GroupIndex index,
                               PendingCatchUps catchUps) {
        this.storeName = storeName;
        this.factory = factory;
        this.index = index;
        this.catchUps = catchUps;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        store = context.getStateStore(storeName);
        index.clear();
        int pairs = 0;
        try (KeyValueIterator<String, byte[]> all = store.all()) {
            while (all.hasNext()) {
                KeyValue<String, byte[]> entry = all.next();
                apply(entry.key, entry.value, false);
                pairs++;
            }
        }
        log.info("Subscription groups rebuilt from the store: {} (group, edge) pairs, {} live groups",
                pairs, index.size());
    }

    @Override
    public void process(Record<String, byte[]> record) {
        if (record.key() == null) {
            log.warn("Ignoring a subscription command without a key");
            return;
        }
        if (apply(record.key(), record.value(), true)) {
            store.put(record.key(), record.value());
        } else {
            store.delete(record.key());
        }
    }

    /**
     * Applies one command to the index; true if the (group, edge) pair is live afterwards.
     *
     * @param live false while rebuilding from the store: the catch-up requests there are history
     */
    private boolean apply(String key, byte[] value, boolean live) {
        int bar = key.indexOf('|');
        if (bar <= 0) {
            log.warn("Ignoring subscription command with key '{}': expected '<groupKey>|<edgeId>'", key);
            return false;
        }
        String groupKey = key.substring(0, bar);
        String edgeId = key.substring(bar + 1);
        SubscriptionCommand command = value == null ? null : decode(key, value);
        if (command == null || command.getSpec() == null) {
            boolean gone = index.leave(groupKey, edgeId);
            log.debug("Edge {} left group {}{}", edgeId, groupKey, gone ? " (gone)" : "");
            return false;
        }
        if (live && command.getCatchUp() != null) {
            // Before the join: a change evaluated once the group is indexed must find the request.
            requestCatchUp(command);
        }
        boolean created = index.join(groupKey, edgeId, () -> factory.create(groupKey, command.getSpec()));
        log.debug("Edge {} joined group {} ({}; {} live groups)", edgeId, groupKey, created ? "new" : "known",
                index.size());
        return true;
    }

    private void requestCatchUp(SubscriptionCommand command) {
        // The real clock: a global processor context's currentSystemTimeMs() is never set (0 in Kafka Streams 4.1).
        if (command.getTs().toEpochMilli() < System.currentTimeMillis() - CATCH_UP_MAX_AGE.toMillis()) {
            // A replayed join (a restore through this processor): its subscriber has long been live.
            return;
        }
        Optional<String> entityKey = entityKey(command.getSpec());
        if (entityKey.isEmpty()) {
            log.warn("Ignoring the catch-up request of group {}: it is not a retrieve group", command.getGroupKey());
            return;
        }
        CatchUpRequest request = command.getCatchUp();
        catchUps.register(entityKey.get(), PendingCatchUps.Request.of(command.getGroupKey(), request.getKey(),
                request.getDigest(), request.getDeletedPayload()));
    }

    /** The entity a retrieve group follows; empty for a list group or an unusable target. */
    private static Optional<String> entityKey(GroupSpec spec) {
        try {
            JsonNode target = GroupSpecs.targetPk(spec);
            return target == null ? Optional.empty() : Optional.of(Pks.entityKey(spec.getModel(), target));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static SubscriptionCommand decode(String key, byte[] value) {
        try {
            return AvroCodecs.decodeCommand(value);
        } catch (IOException | RuntimeException e) {
            log.warn("Ignoring subscription command with key '{}': not a SubscriptionCommand ({})", key,
                    e.getMessage());
            return null;
        }
    }
}
