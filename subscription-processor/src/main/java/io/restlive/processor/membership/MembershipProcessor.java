package io.restlive.processor.membership;

import io.restlive.core.views.EntityState;
import io.restlive.processor.catchup.CatchUpSender;
import io.restlive.processor.catchup.PendingCatchUps;
import io.restlive.processor.decode.ChangeEvent;
import io.restlive.processor.entities.EntityPartitions;
import io.restlive.processor.entities.Pks;
import io.restlive.processor.entities.StoredEntity;
import io.restlive.processor.groups.GroupIndex;
import io.restlive.processor.groups.LiveGroup;
import io.restlive.processor.metrics.ProcessorMetrics;
import io.restlive.schemas.ChangeBroadcast;
import io.restlive.schemas.ChangeOp;
import io.restlive.schemas.GroupBroadcast;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.OptionalInt;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies each change to the {@code entities} store and turns it into at most one {@link ChangeBroadcast}:
 * one entry per group whose view the change entered, changed inside or left. Every
 * {@link #CATCH_UP_INTERVAL} it also settles the catch-ups of retrieve subscribers whose entities this
 * task stores ({@link CatchUpSender}).
 */
public final class MembershipProcessor implements Processor<String, ChangeEvent, String, ChangeBroadcast> {

    private static final Logger log = LoggerFactory.getLogger(MembershipProcessor.class);
    /** How often pending catch-ups are settled: well inside the protocol's "live within a second". */
    static final Duration CATCH_UP_INTERVAL = Duration.ofMillis(100);

    private final String storeName;
    private final GroupIndex groups;
    private final PendingCatchUps catchUps;
    private final CatchUpSender catchUpSender;
    private final EntityPartitions partitions;
    private final ProcessorMetrics metrics;
    private KeyValueStore<String, StoredEntity> entities;
    private ProcessorContext<String, ChangeBroadcast> context;

    /**
     * @param storeName the entity store
     * @param groups the live groups
     * @param catchUps the catch-ups retrieve subscribers' joins requested
     * @param partitions which task stores each entity
     * @param metrics where changes, stale drops and broadcasts are counted
     */
    public MembershipProcessor(String storeName, GroupIndex groups, PendingCatchUps catchUps,
                               EntityPartitions partitions, ProcessorMetrics metrics) {
        this.storeName = storeName;
        this.groups = groups;
        this.catchUps = catchUps;
        this.catchUpSender = new CatchUpSender(catchUps, groups);
        this.partitions = partitions;
        this.metrics = metrics;
    }

    @Override
    public void init(ProcessorContext<String, ChangeBroadcast> context) {
        this.context = context;
        this.entities = context.getStateStore(storeName);
        context.schedule(CATCH_UP_INTERVAL, PunctuationType.WALL_CLOCK_TIME, this::settleCatchUps);
    }

    @Override
    public void process(Record<String, ChangeEvent> record) {
        ChangeEvent change = record.value();
        StoredEntity stored = entities.get(change.entityKey());
        if (stored != null && stored.supersedes(change.version())) {
            log.debug("Dropping stale change of {}: version {} <= stored {}", change.entityKey(),
                    change.version(), stored.version());
            metrics.staleDropped();
            return;
        }
        EntityState before = stored == null ? null : stored.toState();
        EntityState after = change.op() == ChangeOp.UPSERT ? new EntityState(change.pk(), change.instance()) : null;
        Collection<LiveGroup> candidates = groups.candidates(change.model(), Pks.keyText(change.pk()), before, after);
        List<GroupBroadcast> entries = MembershipEvaluator.evaluate(candidates, before, after);
        if (!catchUps.isEmpty()) {
            catchUps.supersede(change.entityKey(), candidates);
        }
        store(change);
        metrics.changeProcessed();
        if (entries.isEmpty()) {
            return;
        }
        ChangeBroadcast broadcast = ChangeBroadcast.newBuilder()
                .setModel(change.model())
                .setPk(Pks.keyText(change.pk()))
                .setTs(Instant.ofEpochMilli(change.ts()))
                .setGroups(entries)
                .build();
        context.forward(new Record<>(change.entityKey(), broadcast, record.timestamp()));
        metrics.broadcastEmitted(entries.size());
    }

    private void settleCatchUps(long nowMs) {
        if (catchUps.isEmpty()) {
            return;
        }
        catchUpSender.settle(entities::get, this::stores, (entityKey, broadcast) -> {
            context.forward(new Record<>(entityKey, broadcast, nowMs));
            metrics.catchUpSent();
        }, nowMs);
    }

    /** True if this task's store is where the entity lives (or would, had it not been deleted). */
    private boolean stores(String entityKey) {
        OptionalInt partition = partitions.partitionOf(entityKey);
        return partition.isPresent() && partition.getAsInt() == context.taskId().partition();
    }

    private void store(ChangeEvent change) {
        if (change.op() == ChangeOp.UPSERT) {
            entities.put(change.entityKey(), StoredEntity.live(change.pk(), change.instance(), change.version()));
        } else if (change.version() != null) {
            entities.put(change.entityKey(), StoredEntity.tombstone(change.pk(), change.version()));
        } else {
            entities.delete(change.entityKey());
        }
    }
}
