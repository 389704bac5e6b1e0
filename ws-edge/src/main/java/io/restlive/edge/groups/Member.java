package io.restlive.edge.groups;

import io.restlive.edge.protocol.Connection;
import io.restlive.edge.protocol.Subscription;
import io.restlive.schemas.TaskPosition;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * One subscription of one connection in a group, with the positions the edge had read when it received the
 * subscribe (its cut): the subscriber gets every change applied after its cut and, of what a replay brings,
 * nothing from before.
 *
 * <p>A subscriber that joins a group this edge already holds may have missed frames the group delivered
 * between its cut and its arrival (a retrieve waits for its lookup in between). It then catches up on its own:
 * a join addressed to its key makes each task concerned replay its changes since the cut to it alone; until a
 * task's notice for it arrives, the group's frames of that task are held, then the ones the replay did not
 * bring are delivered after it. Its state is guarded by its group's lock.
 */
public final class Member {

    /** A frame held for a catching-up member. */
    private record Held(int partition, long seq, String frame) {
    }

    private final Connection connection;
    private final Subscription subscription;
    private final List<TaskPosition> cut;
    private String key;
    private long pendingTasks;
    private long[] delivered;
    private List<Held> held;

    public Member(Connection connection, Subscription subscription, List<TaskPosition> cut) {
        this.connection = connection;
        this.subscription = subscription;
        this.cut = List.copyOf(cut);
    }

    public Connection connection() {
        return connection;
    }

    public Subscription subscription() {
        return subscription;
    }

    /** The positions read when the subscribe arrived. */
    public List<TaskPosition> cut() {
        return cut;
    }

    /** The position of task {@code partition} in the cut, or null if the edge knew none. */
    public TaskPosition cutOf(int partition) {
        for (TaskPosition position : cut) {
            if (position.getPartition() == partition) {
                return position;
            }
        }
        return null;
    }

    /** True if a frame of the change at {@code partition}/{@code epoch}/{@code seq} came after the cut. */
    public boolean acceptedBefore(int partition, int epoch, long seq) {
        TaskPosition position = cutOf(partition);
        return position == null || position.getEpoch() != epoch || seq > position.getSeq();
    }

    /** The key its own catch-up is addressed to; null unless it is catching up or did. */
    public String key() {
        return key;
    }

    void catchUp(String memberKey, long tasks, int partitions) {
        key = memberKey;
        pendingTasks = tasks;
        delivered = new long[partitions];
        held = new ArrayList<>();
    }

    /** True while the task of {@code partition} has not answered this member's catch-up. */
    public boolean waitsFor(int partition) {
        return (pendingTasks & (1L << partition)) != 0;
    }

    /** Holds a group frame until the member's catch-up in its task is done. */
    public void hold(int partition, long seq, String frame) {
        held.add(new Held(partition, seq, frame));
    }

    /** A replayed frame addressed to this member: it was delivered. */
    public void delivered(int partition, long seq) {
        if (delivered != null && seq > delivered[partition]) {
            delivered[partition] = seq;
        }
    }

    /**
     * The task of {@code partition} answered the catch-up: the held frames of that task that the replay did not
     * bring, in order. The member receives the group's frames of that task directly from now on.
     */
    public List<String> caughtUp(int partition) {
        if (!waitsFor(partition)) {
            return List.of();
        }
        pendingTasks &= ~(1L << partition);
        List<String> release = new ArrayList<>();
        held.stream().filter(h -> h.partition() == partition && h.seq() > delivered[partition])
                .sorted(Comparator.comparingLong(Held::seq)).forEach(h -> release.add(h.frame()));
        held.removeIf(h -> h.partition() == partition);
        return release;
    }
}
