package io.restlive.edge.groups;

import io.restlive.edge.protocol.Connection;
import io.restlive.edge.protocol.Frames;
import io.restlive.edge.protocol.Outbound;
import io.restlive.edge.protocol.Subscription;
import io.restlive.schemas.TaskPosition;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

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
    private record Held(int partition, long seq, Outbound frame) {
    }

    private final Connection connection;
    private final Subscription subscription;
    private final List<TaskPosition> cut;
    private final List<Integer> tasks;
    private final byte[] broadcastPrefix;
    private boolean acknowledged;
    private Map<String, Long> snapshotVersions;
    private String key;
    private long pendingTasks;
    private long[] delivered;
    private List<Held> held;

    public Member(Connection connection, Subscription subscription, List<TaskPosition> cut) {
        this(connection, subscription, cut, List.of(), null);
    }

    /**
     * @param tasks the partitions of the tasks that evaluate its group (v2: it is live once live in each)
     * @param snapshotVersions v2: the version of each instance its snapshot showed, by entity pk as frames name
     *     it; a frame of such an instance up to that version is not delivered. Null without a snapshot.
     */
    public Member(Connection connection, Subscription subscription, List<TaskPosition> cut, List<Integer> tasks,
                  Map<String, Long> snapshotVersions) {
        this.connection = connection;
        this.subscription = subscription;
        this.cut = List.copyOf(cut);
        this.tasks = List.copyOf(tasks);
        this.broadcastPrefix = subscription == null ? null
                : Frames.broadcastPrefix(subscription.idJson()).getBytes(StandardCharsets.UTF_8);
        this.snapshotVersions = snapshotVersions;
        this.acknowledged = connection == null || !connection.v2();
    }

    public Connection connection() {
        return connection;
    }

    public Subscription subscription() {
        return subscription;
    }

    /** Its part of a v1 broadcast frame, {@code {"type":"broadcast","id":<id>}, encoded once. */
    public byte[] broadcastPrefix() {
        return broadcastPrefix;
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

    /** True if a frame of the change at {@code seq} of entity {@code pk} is news to it (its snapshot did not show it). */
    public boolean shows(String pk, long seq) {
        Long version = snapshotVersions == null ? null : snapshotVersions.get(pk);
        return version == null || seq > version;
    }

    /** True if the task of {@code partition} evaluates its group. */
    boolean evaluatedBy(int partition) {
        return tasks.contains(partition);
    }

    /** v2: it has not been told it is live yet. */
    boolean awaitsAcknowledgement() {
        return !acknowledged;
    }

    /** True once its group is live for it in every task that evaluates the group. */
    boolean isLiveIn(LocalGroup group) {
        for (int task : tasks) {
            if (!group.isLive(task) || waitsFor(task)) {
                return false;
            }
        }
        return true;
    }

    /** It was told it is live: later frames are all after its snapshot. */
    void acknowledged() {
        acknowledged = true;
        snapshotVersions = null;
    }

    /**
     * What it has received, per task of its group: everything the edge has read of a task it is live in (the
     * consumer delivers in read order), its cut of a task it is not yet live in (a resume from there repeats
     * at most what it has, which versions let a client drop).
     */
    public List<TaskPosition> position(ReadPositions read, LocalGroup group) {
        List<TaskPosition> position = new ArrayList<>(tasks.size());
        for (int task : tasks) {
            TaskPosition at = group.isLive(task) && !waitsFor(task) ? read.of(task) : cutOf(task);
            if (at != null) {
                position.add(at);
            }
        }
        return position;
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
    public void hold(int partition, long seq, Outbound frame) {
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
    public List<Outbound> caughtUp(int partition) {
        if (!waitsFor(partition)) {
            return List.of();
        }
        pendingTasks &= ~(1L << partition);
        List<Outbound> release = new ArrayList<>();
        held.stream().filter(h -> h.partition() == partition && h.seq() > delivered[partition])
                .sorted(Comparator.comparingLong(Held::seq)).forEach(h -> release.add(h.frame()));
        held.removeIf(h -> h.partition() == partition);
        return release;
    }
}
