package io.restlive.edge.fanout;

import io.restlive.edge.groups.EdgeSession;
import io.restlive.edge.groups.LocalGroup;
import io.restlive.edge.groups.LocalGroups;
import io.restlive.edge.groups.Member;
import io.restlive.edge.groups.ReadPositions;
import io.restlive.edge.metrics.EdgeMetrics;
import io.restlive.edge.protocol.Connection;
import io.restlive.edge.protocol.Frames;
import io.restlive.edge.protocol.Outbound;
import io.restlive.edge.protocol.PositionText;
import io.restlive.schemas.ChangeFrames;
import io.restlive.schemas.EdgeBroadcast;
import io.restlive.schemas.FrameEntry;
import io.restlive.schemas.Notice;
import io.restlive.schemas.NoticeKind;
import io.restlive.schemas.TaskPosition;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers what the processor wrote to this edge's slot, on the broadcast consumer's thread:
 * <ul>
 *   <li>every record moves the edge's read position of its task ({@link ReadPositions});</li>
 *   <li>a notice for one of this edge's sessions makes the group live in that task; one for a subscriber
 *       catching up on its own ends its catch-up there, and releases the frames held for it;</li>
 *   <li>a change's frames (its parts put together) go to the members of each group this edge holds: a live
 *       frame only once the group is live in the frame's task, a frame replayed to this edge's session to the
 *       members whose subscribe arrived before the change, a frame replayed to one subscriber to it alone; a
 *       frame of a change already delivered to the group is dropped, and a member catching up has the group's
 *       frames of that task held until its own replay is in. Each group's frame is built once (only the
 *       subscription id differs), and each connection gets its frames of one change in subscription order.</li>
 * </ul>
 */
public final class BroadcastDelivery {

    private static final Logger log = LoggerFactory.getLogger(BroadcastDelivery.class);

    private record Frame(long sequence, Outbound frame) {
    }

    /**
     * A group's frame of a change after the subscription id, as text, and encoded once for every v1 subscriber
     * that gets it (they share the bytes; only their prefix differs).
     */
    private static final class Tail {
        private final String text;
        private byte[] bytes;

        Tail(String text) {
            this.text = text;
        }

        byte[] bytes() {
            if (bytes == null) {
                bytes = text.getBytes(StandardCharsets.UTF_8);
            }
            return bytes;
        }
    }

    private final LocalGroups groups;
    private final ReadPositions positions;
    private final EdgeSession session;
    private final ChangeParts parts = new ChangeParts();
    private final EdgeMetrics metrics;

    public BroadcastDelivery(LocalGroups groups, ReadPositions positions) {
        this(groups, positions, EdgeMetrics.inMemory());
    }

    /** @param metrics records each delivered change's end-to-end latency, once per change */
    public BroadcastDelivery(LocalGroups groups, ReadPositions positions, EdgeMetrics metrics) {
        this.metrics = metrics;
        this.groups = groups;
        this.positions = positions;
        this.session = groups.session();
    }

    /** Handles one record of the slot; returns how many frames were sent. */
    public int deliver(EdgeBroadcast record) {
        TaskPosition position = record.getPosition();
        TaskPosition known = positions.of(position.getPartition());
        if (positions.advance(position) && known != null) {
            newEpoch(position.getPartition());
        }
        int sent = 0;
        for (Notice notice : record.getNotices()) {
            sent += notice(position, notice);
        }
        if (record.getChange() == null) {
            return sent;
        }
        List<ChangeFrames> change = parts.add(position, record.getChange());
        return change == null ? sent : sent + deliver(position, change);
    }

    private int notice(TaskPosition position, Notice notice) {
        if (notice.getKind() == NoticeKind.EXPIRED) {
            // Read in order with the frames: everything of this task up to here reached the old session.
            groups.sessionExpired(notice.getTarget(), positions.snapshot());
            return 0;
        }
        LocalGroup group = groups.group(notice.getGroupKey());
        if (group == null) {
            return 0;
        }
        int partition = position.getPartition();
        boolean incomplete = notice.getKind() == NoticeKind.INCOMPLETE;
        if (incomplete) {
            log.warn("Group {} is live in task {} but a subscriber may have missed changes: {}", notice.getGroupKey(),
                    partition, notice.getDetail());
        }
        if (session.isMine(notice.getTarget())) {
            List<Member> reset;
            synchronized (group) {
                group.markLive(partition);
                reset = incomplete ? group.members().stream().filter(m -> m.connection().v2()).toList() : List.of();
                group.acknowledgeLive(positions);
            }
            reset(reset, notice);
            log.debug("Group {} is live in task {} from seq {}", notice.getGroupKey(), partition, position.getSeq());
            return 0;
        }
        Member member = group.member(notice.getTarget());
        if (member == null) {
            return 0;
        }
        List<Outbound> released;
        synchronized (group) {
            released = member.caughtUp(partition);
            released.forEach(member.connection()::send);
            if (!incomplete || !member.connection().v2()) {
                group.acknowledgeLive(positions);
            }
        }
        if (incomplete) {
            reset(member.connection().v2() ? List.of(member) : List.of(), notice);
        }
        return released.size();
    }

    /**
     * A task's state was rebuilt (a new epoch): its sequence numbers, the versions of its entities, started
     * again. A v2 subscriber of a group that task evaluates holds versions that no longer compare: it is
     * reset. (The first epoch an edge sees of a task is not new: nothing was delivered before it.)
     */
    private void newEpoch(int partition) {
        List<Member> reset = groups.v2MembersOfTask(partition);
        for (Member member : reset) {
            groups.end(member, Frames.reset(member.subscription().idJson(), "the processor task " + partition
                    + " rebuilt its state: versions start again; subscribe again"));
        }
    }

    /**
     * v2 subscribers that may have missed changes are told so and ended ({@code reset}): they subscribe again,
     * with a snapshot, rather than hold a state with a silent gap. v1 subscribers keep today's behaviour (logged).
     */
    private void reset(List<Member> members, Notice notice) {
        for (Member member : members) {
            groups.end(member, Frames.reset(member.subscription().idJson(), "the processor could not replay every "
                    + "change since this subscription's position (" + notice.getDetail() + "); subscribe again"));
        }
    }

    private int deliver(TaskPosition position, List<ChangeFrames> change) {
        Map<Connection, List<Frame>> byConnection = new IdentityHashMap<>();
        String model = change.get(0).getModel();
        for (ChangeFrames part : change) {
            for (FrameEntry entry : part.getEntries()) {
                LocalGroup group = groups.group(entry.getGroupKey());
                if (group != null) {
                    Tail tail = new Tail(Frames.broadcastTail(model, entry.getAction().name(),
                            part.getPayloads().get(entry.getPayload())));
                    synchronized (group) {
                        route(group, entry.getTarget(), position, part.getPk(), tail, byConnection);
                    }
                }
            }
        }
        int sent = 0;
        if (!byConnection.isEmpty()) {
            metrics.delivered(change.get(0).getTs());
        }
        for (Map.Entry<Connection, List<Frame>> entry : byConnection.entrySet()) {
            List<Frame> frames = entry.getValue();
            frames.sort(Comparator.comparingLong(Frame::sequence));
            for (Frame frame : frames) {
                entry.getKey().send(frame.frame());
                sent++;
            }
        }
        return sent;
    }

    /** Decides, under the group's lock, who gets one group's frame of a change now, later or never. */
    private void route(LocalGroup group, String target, TaskPosition position, String pk, Tail tail,
                       Map<Connection, List<Frame>> out) {
        int partition = position.getPartition();
        int epoch = position.getEpoch();
        long seq = position.getSeq();
        if (target != null && !session.isMine(target)) {
            Member member = group.member(target);
            if (member != null && member.acceptedBefore(partition, epoch, seq)) {
                member.delivered(partition, seq);
                if (member.shows(pk, seq)) {
                    add(out, member, text(group, member, tail, seq));
                }
            }
            return;
        }
        boolean replayed = target != null;
        if ((!replayed && !group.isLive(partition)) || !group.deliver(partition, epoch, seq)) {
            return;
        }
        for (Member member : group.members()) {
            if (replayed && !member.acceptedBefore(partition, epoch, seq) || !member.shows(pk, seq)) {
                continue;
            }
            if (member.waitsFor(partition)) {
                member.hold(partition, seq, text(group, member, tail, seq));
            } else {
                add(out, member, text(group, member, tail, seq));
            }
        }
    }

    private static void add(Map<Connection, List<Frame>> out, Member member, Outbound frame) {
        out.computeIfAbsent(member.connection(), c -> new ArrayList<>(2))
                .add(new Frame(member.subscription().sequence(), frame));
    }

    /** v1: the group's frame with the member's id; v2 adds the entity's version and the member's position. */
    private Outbound text(LocalGroup group, Member member, Tail tail, long seq) {
        if (!member.connection().v2()) {
            return Outbound.shared(member.broadcastPrefix(), tail.bytes());
        }
        return Outbound.text(Frames.broadcastV2(member.subscription().idJson(), tail.text, seq,
                PositionText.format(member.position(positions, group))));
    }
}
