package io.restlive.processor.membership;

import io.restlive.processor.groups.LiveGroup;
import io.restlive.processor.metrics.ProcessorMetrics;
import io.restlive.processor.positions.TaskPositions;
import io.restlive.processor.replay.AppliedChange;
import io.restlive.processor.replay.RecentChanges;
import io.restlive.processor.routing.FrameBatch;
import io.restlive.processor.routing.SlotRecord;
import io.restlive.schemas.EdgeBroadcast;
import io.restlive.schemas.Notice;
import io.restlive.schemas.NoticeKind;
import io.restlive.schemas.TaskPosition;
import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/**
 * Makes a join live as if it had reached the task when the edge accepted the subscriber: the group's
 * frames of every change the task applied after the join's cut are sent to the join's target, oldest
 * first, then a notice says the join is live from the task's current position (or that the replay could
 * not be complete, and why). Live frames follow, from the next change on, so nothing is sent twice.
 */
final class JoinReplayer {

    private final int partition;
    private final TaskPositions positions;
    private final RecentChanges history;
    private final MembershipSettings settings;
    private final SlotMarkers markers;
    private final ProcessorMetrics metrics;
    private final TaskOutput out;

    JoinReplayer(int partition, TaskPositions positions, RecentChanges history, MembershipSettings settings,
                 SlotMarkers markers, ProcessorMetrics metrics, TaskOutput out) {
        this.partition = partition;
        this.positions = positions;
        this.history = history;
        this.settings = settings;
        this.markers = markers;
        this.metrics = metrics;
        this.out = out;
    }

    /**
     * Replays what the join's target missed and announces it live.
     *
     * @param cut the join's cut (null: the join asked for no replay)
     */
    void join(LiveGroup group, int slot, String target, List<TaskPosition> cut) {
        String incomplete = null;
        if (cut != null) {
            TaskPosition from = cut.stream().filter(p -> p.getPartition() == partition).findFirst().orElse(null);
            incomplete = replay(group, slot, target, from);
        }
        notice(group.key(), slot, target, incomplete);
    }

    /** Tells the join's target that the group will never go live in this task, and why. */
    void refuse(String groupKey, int slot, String target, String reason) {
        notice(groupKey, slot, target, reason);
    }

    /**
     * Tells an edge session that this task forgot its pairs (the processor expired it): an edge that is in fact
     * alive (the processor could not read its heartbeats in time) joins its groups again from this position.
     */
    void sessionExpired(String session, int slot) {
        TaskPosition now = positions.current();
        Notice notice = new Notice(session, "", NoticeKind.EXPIRED, "expired by the processor after a silence");
        out.broadcast(new SlotRecord(slot, null, EdgeBroadcast.newBuilder().setPosition(now).setChange(null)
                .setNotices(List.of(notice)).build()));
        markers.sent(slot, now.getSeq());
    }

    private void notice(String groupKey, int slot, String target, String incomplete) {
        TaskPosition now = positions.current();
        Notice notice = new Notice(target, groupKey, incomplete == null ? NoticeKind.LIVE : NoticeKind.INCOMPLETE,
                incomplete);
        out.broadcast(new SlotRecord(slot, null, EdgeBroadcast.newBuilder().setPosition(now).setChange(null)
                .setNotices(List.of(notice)).build()));
        markers.sent(slot, now.getSeq());
        if (incomplete != null) {
            metrics.incompleteReplay();
        }
    }

    /**
     * False if an indexed group's view cannot hold the entity before or after the change: its indexed field has
     * another value in both states. The same pre-filter as live matching, and what keeps a join's replay cheap
     * when many joins meet a long history (a subscribe storm on a busy task): no CEL evaluation, no conversion of
     * the whole instance, for the changes of other groups.
     */
    private static boolean mayConcern(LiveGroup group, AppliedChange change) {
        Object value = group.indexValue().orElseThrow();
        return hasKey(group, change.before(), value) || hasKey(group, change.after(), value);
    }

    private static boolean hasKey(LiveGroup group, ObjectNode state, Object value) {
        return state != null && group.view().indexKeyOfJson(state).map(value::equals).orElse(false);
    }

    /** Sends the group's frames of the changes after {@code from}; returns why that was incomplete, or null. */
    private String replay(LiveGroup group, int slot, String target, TaskPosition from) {
        if (from == null) {
            return "the edge knew no position of task " + partition + " when it accepted the subscriber";
        }
        if (from.getEpoch() != positions.epoch()) {
            return "task " + partition + "'s state was rebuilt since the edge read its position (epoch "
                    + from.getEpoch() + ", now " + positions.epoch() + ")";
        }
        int frames = 0;
        for (AppliedChange change : history.after(from.getSeq())) {
            if (!change.model().equals(group.model())
                    || (group.isRetrieve() && !change.pkKey().equals(group.targetPkKey()))
                    || (group.isIndexed() && !mayConcern(group, change))) {
                continue;
            }
            MembershipEvaluator.GroupFrame frame = MembershipEvaluator.evaluate(group, change.beforeState(),
                    change.afterState());
            if (frame == null) {
                continue;
            }
            int bytes = FrameBatch.size(frame.payload());
            if (bytes > settings.maxFrameBytes()) {
                continue;
            }
            FrameBatch batch = new FrameBatch(new TaskPosition(partition, positions.epoch(), change.seq()),
                    change.entityKey(), change.model(), change.pkKey(), change.ts(), settings.recordBudget());
            batch.add(slot, group.key(), frame.action(), frame.payload(), bytes, target);
            ChangeApplier.emit(batch, markers, metrics, out);
            frames++;
        }
        metrics.replayed(frames);
        if (from.getSeq() < history.coveredAfter()) {
            return "task " + partition + " keeps the changes after seq " + history.coveredAfter()
                    + " only; the subscriber was accepted at seq " + from.getSeq();
        }
        return null;
    }
}
