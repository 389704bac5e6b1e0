package io.restlive.edge.fanout;

import io.restlive.schemas.BroadcastAction;
import io.restlive.schemas.ChangeFrames;
import io.restlive.schemas.EdgeBroadcast;
import io.restlive.schemas.FrameEntry;
import io.restlive.schemas.Notice;
import io.restlive.schemas.NoticeKind;
import io.restlive.schemas.TaskPosition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Builds the records a processor task writes to a slot, as the edge reads them. */
public final class SlotRecords {

    /** The epoch of the fake task. */
    public static final int EPOCH = 7;

    private SlotRecords() {
    }

    /** A change's live frames at {@code seq} of task {@code partition}: one UPDATED per group, same instance. */
    public static EdgeBroadcast live(int partition, long seq, String instance, String... groupKeys) {
        return change(partition, seq, BroadcastAction.UPDATED, instance, null, groupKeys);
    }

    /** A frame replayed to {@code target}. */
    public static EdgeBroadcast replayed(int partition, long seq, String instance, String target, String groupKey) {
        return change(partition, seq, BroadcastAction.UPDATED, instance, target, groupKey);
    }

    /** A change's frames with one action, payload and target for every group. */
    public static EdgeBroadcast change(int partition, long seq, BroadcastAction action, String instance, String target,
                                       String... groupKeys) {
        List<FrameEntry> entries = new ArrayList<>();
        for (String key : groupKeys) {
            entries.add(new FrameEntry(key, action, 0, target));
        }
        return part(partition, seq, 0, true, List.of(instance), entries);
    }

    /** One part of a change. */
    public static EdgeBroadcast part(int partition, long seq, int part, boolean last, List<String> payloads,
                                     List<FrameEntry> entries) {
        return EdgeBroadcast.newBuilder().setPosition(new TaskPosition(partition, EPOCH, seq))
                .setChange(ChangeFrames.newBuilder().setModel("todolist.Task").setPk("1").setTs(Instant.now())
                        .setPart(part).setLast(last).setPayloads(payloads).setEntries(entries).build())
                .setNotices(List.of()).build();
    }

    /** The task's notice that {@code target}'s join of a group is live from {@code seq}. */
    public static EdgeBroadcast notice(int partition, long seq, String target, String groupKey) {
        return EdgeBroadcast.newBuilder().setPosition(new TaskPosition(partition, EPOCH, seq)).setChange(null)
                .setNotices(List.of(new Notice(target, groupKey, NoticeKind.LIVE, null))).build();
    }

    /** A position marker. */
    public static EdgeBroadcast marker(int partition, long seq) {
        return EdgeBroadcast.newBuilder().setPosition(new TaskPosition(partition, EPOCH, seq)).setChange(null)
                .setNotices(List.of()).build();
    }
}
