package io.restlive.processor.membership;

import io.restlive.core.views.EntityState;
import io.restlive.processor.decode.ChangeEvent;
import io.restlive.processor.entities.Pks;
import io.restlive.processor.entities.StoredEntity;
import io.restlive.processor.groups.GroupIndex;
import io.restlive.processor.groups.LiveGroup;
import io.restlive.processor.metrics.ProcessorMetrics;
import io.restlive.processor.positions.TaskPositions;
import io.restlive.processor.replay.AppliedChange;
import io.restlive.processor.replay.RecentChanges;
import io.restlive.processor.routing.FrameBatch;
import io.restlive.processor.routing.SlotRecord;
import io.restlive.schemas.ChangeOp;
import io.restlive.schemas.TaskPosition;
import java.util.HashSet;
import java.util.Set;
import org.apache.kafka.streams.state.KeyValueStore;
import tools.jackson.databind.node.ObjectNode;

/**
 * Applies one change in its entity's task: drops it if its version is stale, gives it the task's next
 * sequence number, evaluates every group that holds a route in this task, stores the new state, keeps the
 * change in the task's history and writes its frames, one record per slot (more if large).
 */
final class ChangeApplier {

    private final int partition;
    private final KeyValueStore<String, StoredEntity> entities;
    private final GroupIndex groups;
    private final TaskPositions positions;
    private final RecentChanges history;
    private final MembershipSettings settings;
    private final StaleChanges stale;
    private final SlotMarkers markers;
    private final ProcessorMetrics metrics;
    private final TaskOutput out;

    ChangeApplier(int partition, KeyValueStore<String, StoredEntity> entities, GroupIndex groups,
                  TaskPositions positions, RecentChanges history, MembershipSettings settings, SlotMarkers markers,
                  ProcessorMetrics metrics, TaskOutput out) {
        this.partition = partition;
        this.entities = entities;
        this.groups = groups;
        this.positions = positions;
        this.history = history;
        this.settings = settings;
        this.stale = new StaleChanges(metrics);
        this.markers = markers;
        this.metrics = metrics;
        this.out = out;
    }

    void apply(ChangeEvent change) {
        StoredEntity stored = entities.get(change.entityKey());
        if (stored != null && stored.supersedes(change.version())) {
            stale.dropped(change, stored, out.now());
            return;
        }
        TaskPosition position = positions.next();
        ObjectNode before = stored == null ? null : stored.instance();
        ObjectNode after = change.op() == ChangeOp.UPSERT ? change.instance() : null;
        String pkKey = Pks.keyText(change.pk());
        FrameBatch batch = liveFrames(change, pkKey, position, before, after);
        store(change, position.getSeq());
        history.add(new AppliedChange(position.getSeq(), change.entityKey(), change.model(), pkKey, change.pk(), before,
                after, change.ts(), out.now()));
        metrics.changeProcessed();
        emit(batch, markers, metrics, out);
    }

    private FrameBatch liveFrames(ChangeEvent change, String pkKey, TaskPosition position, ObjectNode before,
                                  ObjectNode after) {
        EntityState beforeState = before == null ? null : new EntityState(change.pk(), before);
        EntityState afterState = after == null ? null : new EntityState(change.pk(), after);
        FrameBatch batch = new FrameBatch(position, change.entityKey(), change.model(), pkKey, change.ts(),
                settings.recordBudget());
        String tooLarge = null;
        int tooLargeGroups = 0;
        for (LiveGroup group : groups.candidates(change.model(), pkKey, beforeState, afterState)) {
            Set<Integer> slots = null;
            for (GroupIndex.Route route : groups.routes(group.key())) {
                if (route.heldBy(partition)) {
                    if (slots == null) {
                        slots = new HashSet<>(2);
                    }
                    slots.add(route.slot());
                }
            }
            if (slots == null) {
                continue;
            }
            MembershipEvaluator.GroupFrame frame = MembershipEvaluator.evaluate(group, beforeState, afterState);
            if (frame == null) {
                continue;
            }
            int bytes = FrameBatch.size(frame.payload());
            if (bytes > settings.maxFrameBytes()) {
                // Not delivered to this group; the other groups still get theirs, and the change is stored.
                tooLargeGroups++;
                if (tooLarge == null) {
                    tooLarge = "the frame of group " + group.key() + " (view " + group.view().name() + ") would carry "
                            + bytes + " bytes of instance, above rest-live.max-frame-size (" + settings.maxFrameBytes()
                            + ")";
                }
                continue;
            }
            for (int slot : slots) {
                batch.add(slot, group.key(), frame.action(), frame.payload(), bytes, null);
            }
        }
        if (tooLarge != null) {
            out.frameTooLarge(change, tooLargeGroups == 1 ? tooLarge
                    : tooLarge + "; " + (tooLargeGroups - 1) + " other group(s) likewise");
        }
        return batch;
    }

    /** Writes a batch's records and notes what each slot has seen of this task. */
    static void emit(FrameBatch batch, SlotMarkers markers, ProcessorMetrics metrics, TaskOutput out) {
        if (batch.isEmpty()) {
            return;
        }
        for (SlotRecord record : batch.records()) {
            out.broadcast(record);
            markers.sent(record.slot(), record.body().getPosition().getSeq());
            metrics.broadcastEmitted(record.body().getChange().getEntries().size());
        }
    }

    private void store(ChangeEvent change, long seq) {
        if (change.op() == ChangeOp.UPSERT) {
            entities.put(change.entityKey(), StoredEntity.live(change.pk(), change.instance(), change.version(), seq));
        } else if (change.version() != null) {
            entities.put(change.entityKey(), StoredEntity.tombstone(change.pk(), change.version(), seq));
        } else {
            entities.delete(change.entityKey());
        }
    }
}
