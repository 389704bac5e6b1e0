package io.restlive.edge.groups;

import io.restlive.edge.protocol.Frames;
import io.restlive.edge.protocol.PositionText;
import io.restlive.schemas.GroupSpec;
import io.restlive.schemas.TaskPosition;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * One group as this edge holds it: its members, the cut its join was sent with, and what the broadcast
 * consumer has delivered of it.
 *
 * <p>The group goes live in a processor task when that task's notice for this edge's join arrives; live
 * frames of the task before that (another edge on the slot may hold the group) are not this edge's: its own
 * replay brings them, in order. Per task, the sequence number of the last frame delivered makes a frame that
 * arrives twice (a replay after a session renewal) recognisable, and tells whether a subscriber arriving now
 * missed any. The broadcast consumer and the threads adding members synchronize on the group.
 */
public final class LocalGroup {

    private final String key;
    private final GroupSpec spec;
    private final List<Member> members = new CopyOnWriteArrayList<>();
    private final long[] delivered;
    private final int[] deliveredEpoch;
    private List<TaskPosition> joinedWith = List.of();
    private long liveTasks;

    LocalGroup(String key, GroupSpec spec, int partitions) {
        this.key = key;
        this.spec = spec;
        this.delivered = new long[partitions];
        this.deliveredEpoch = new int[partitions];
    }

    public String key() {
        return key;
    }

    public GroupSpec spec() {
        return spec;
    }

    /** The members, in the order they joined. */
    public List<Member> members() {
        return members;
    }

    /** The member catching up under {@code memberKey}, or null. */
    public Member member(String memberKey) {
        for (Member member : members) {
            if (memberKey.equals(member.key())) {
                return member;
            }
        }
        return null;
    }

    synchronized void add(Member member) {
        members.add(member);
    }

    boolean isEmpty() {
        return members.isEmpty();
    }

    /** This edge joined the group on the processor with {@code cut}. */
    synchronized void joinedWith(List<TaskPosition> cut) {
        joinedWith = List.copyOf(cut);
    }

    /**
     * True if a subscriber with {@code cut} may have missed a change of task {@code partition} that this group
     * delivered (or that its join's replay will not bring).
     */
    synchronized boolean missedBy(TaskPosition cut, int partition) {
        if (cut == null) {
            return isLive(partition) || joinedWith.stream().anyMatch(p -> p.getPartition() == partition);
        }
        if (isLive(partition)) {
            return deliveredEpoch[partition] != 0 && (deliveredEpoch[partition] != cut.getEpoch()
                    || delivered[partition] > cut.getSeq());
        }
        for (TaskPosition joined : joinedWith) {
            if (joined.getPartition() == partition) {
                return joined.getEpoch() != cut.getEpoch() || joined.getSeq() > cut.getSeq();
            }
        }
        return false;
    }

    /**
     * Tells each v2 member that is now live in every task of the group so ({@code subscribed}, with its
     * position): after the frames its snapshot and replay brought, before any later frame. Called under the
     * group's lock, by the subscribe that adds a member and by the consumer when a notice arrives.
     */
    public synchronized void acknowledgeLive(ReadPositions read) {
        for (Member member : members) {
            acknowledgeIfLive(member, read);
        }
    }

    /** As {@link #acknowledgeLive} for one member: a new one (checking them all would make joins quadratic). */
    synchronized void acknowledgeIfLive(Member member, ReadPositions read) {
        if (member.awaitsAcknowledgement() && member.isLiveIn(this)) {
            member.acknowledged();
            member.connection().send(Frames.subscribed(member.subscription().idJson(),
                    PositionText.format(member.position(read, this))));
        }
    }

    /** The task of {@code partition} applied this edge's join. */
    public synchronized void markLive(int partition) {
        if (partition >= 0 && partition < delivered.length) {
            liveTasks |= 1L << partition;
        }
    }

    /** True once the task of {@code partition} applied this edge's join. */
    public synchronized boolean isLive(int partition) {
        return partition >= 0 && partition < delivered.length && (liveTasks & (1L << partition)) != 0;
    }

    /**
     * Records that the frame of the change at {@code partition}/{@code epoch}/{@code seq} is being delivered.
     *
     * @return false if a frame of that change (or a later one of the task) was delivered already
     */
    public synchronized boolean deliver(int partition, int epoch, long seq) {
        if (partition < 0 || partition >= delivered.length) {
            return true;
        }
        if (deliveredEpoch[partition] == epoch && seq <= delivered[partition]) {
            return false;
        }
        deliveredEpoch[partition] = epoch;
        delivered[partition] = seq;
        return true;
    }
}
