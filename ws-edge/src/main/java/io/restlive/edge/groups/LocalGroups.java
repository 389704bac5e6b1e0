package io.restlive.edge.groups;

import io.restlive.edge.protocol.Connection;
import io.restlive.edge.protocol.GroupMembership;
import io.restlive.edge.protocol.Subscription;
import io.restlive.schemas.GroupSpec;
import io.restlive.schemas.TaskPosition;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The subscribers of each group on this edge. The first subscriber of a group makes the edge join it on
 * the processor, with the positions the edge had read when the subscribe arrived: the processor replays
 * what happened since, so the subscription is live from that moment even though the group goes live later.
 * A later subscriber normally costs the processor nothing; one that may have missed frames the group
 * delivered meanwhile catches up on its own ({@link Member}). The last one to leave retracts the group.
 */
public final class LocalGroups implements GroupMembership {

    private static final Logger log = LoggerFactory.getLogger(LocalGroups.class);

    private final GroupCommands commands;
    private final ReadPositions positions;
    private final Duration ackTimeout;
    private final Map<String, LocalGroup> groups = new ConcurrentHashMap<>();
    private final AtomicLong memberKeys = new AtomicLong();
    private volatile GroupMembership.Ending ending = (connection, subscription, frame) -> connection.send(frame);
    private volatile Expiry expiry = (session, read) -> log.warn("Edge session {} was expired by the processor", session);

    public LocalGroups(GroupCommands commands, ReadPositions positions, Duration ackTimeout) {
        this.commands = commands;
        this.positions = positions;
        this.ackTimeout = ackTimeout;
    }

    @Override
    public int tasks() {
        return positions.partitions();
    }

    @Override
    public List<TaskPosition> readPositions() {
        return positions.snapshot();
    }

    /**
     * Adds a member; the first one joins the group on the processor. Joins are not awaited: the protocol
     * acknowledges no subscribe, and a thread waiting for the broker's ack capped a subscribe storm at
     * threads / round trip (failures are logged by {@link GroupCommands}).
     */
    /** What to do when the processor says it expired a session of this edge; the heartbeats set it. */
    public interface Expiry {
        /**
         * @param session the expired session
         * @param read the positions read when the first task's notice of it arrived
         */
        void expired(String session, List<TaskPosition> read);
    }

    /** Sets what happens when the processor expires a session of this edge. */
    public void onExpiry(Expiry expiry) {
        this.expiry = expiry;
    }

    /** The processor expired {@code session}: if it is the current one, the edge renews it (see {@link Expiry}). */
    public void sessionExpired(String session, List<TaskPosition> read) {
        if (commands.session().id().equals(session)) {
            expiry.expired(session, read);
        }
    }

    /** How subscriptions are ended from here (v2 {@code reset}); the protocol sets it at start-up. */
    public void endWith(GroupMembership.Ending ending) {
        this.ending = ending;
    }

    /** Ends a member's subscription, then sends it {@code frame}. Not under any group's lock. */
    public void end(Member member, String frame) {
        ending.end(member.connection(), member.subscription(), frame);
    }

    @Override
    public void join(String groupKey, GroupSpec spec, Connection connection, Subscription subscription,
                     List<TaskPosition> cut, Map<String, Long> snapshotVersions) {
        // The decision "first member" and the send happen under one lock so that joins and leaves of a
        // group reach the topic in the order they were decided.
        synchronized (this) {
            LocalGroup group = groups.computeIfAbsent(groupKey, k -> new LocalGroup(k, spec, positions.partitions()));
            Member member = new Member(connection, subscription, cut, commands.partitionsOf(spec), snapshotVersions);
            if (group.isEmpty()) {
                group.joinedWith(cut);
                group.add(member);
                commands.join(groupKey, spec, cut);
                return;
            }
            // Under the group's lock: no frame of the group is delivered between the check and the add.
            synchronized (group) {
                long missed = 0;
                for (int partition : commands.partitionsOf(spec)) {
                    if (group.missedBy(member.cutOf(partition), partition)) {
                        missed |= 1L << partition;
                    }
                }
                if (missed != 0) {
                    String key = commands.session().id() + "~" + memberKeys.incrementAndGet();
                    member.catchUp(key, missed, positions.partitions());
                    commands.catchUp(groupKey, spec, cut, key);
                    log.debug("Subscriber {} of group {} catches up under {} (tasks {})", subscription.idJson(),
                            groupKey, key, Long.toBinaryString(missed));
                }
                group.add(member);
                group.acknowledgeIfLive(member, positions);
            }
        }
    }

    @Override
    public void leave(String groupKey, Connection connection, Subscription subscription) {
        synchronized (this) {
            LocalGroup group = groups.get(groupKey);
            if (group == null) {
                return;
            }
            synchronized (group) {
                group.members().removeIf(m -> m.connection() == connection && m.subscription() == subscription);
            }
            if (group.isEmpty()) {
                groups.remove(groupKey);
                commands.leave(groupKey, group.spec());
            }
        }
    }

    /** The v2 subscribers of groups that the task of {@code partition} evaluates. */
    public List<Member> v2MembersOfTask(int partition) {
        List<Member> found = new ArrayList<>();
        for (LocalGroup group : groups.values()) {
            for (Member member : group.members()) {
                if (member.connection() != null && member.connection().v2() && member.evaluatedBy(partition)) {
                    found.add(member);
                }
            }
        }
        return found;
    }

    @Override
    public boolean holds(String groupKey) {
        return groups.containsKey(groupKey);
    }

    /** A group this edge holds, or null. */
    public LocalGroup group(String groupKey) {
        return groups.get(groupKey);
    }

    /** The members of a group on this edge (empty if none). */
    public List<Member> members(String groupKey) {
        LocalGroup group = groups.get(groupKey);
        return group == null ? List.of() : group.members();
    }

    /** The session this edge's commands are sent under. */
    public EdgeSession session() {
        return commands.session();
    }

    /** Number of groups this edge holds. */
    public int size() {
        return groups.size();
    }

    /** Retracts every group and ends the session, for a graceful shutdown. */
    public synchronized void leaveAll() {
        groups.forEach((key, group) -> commands.leave(key, group.spec()));
        groups.clear();
        commands.endSession();
    }

    /**
     * Starts a new session and joins every group again under it, because the processor may have expired the
     * current one; the old session's pairs are retracted too (the processor expires them anyway). The joins
     * carry {@code since}: positions read before the last heartbeat that reached the broker before the silence,
     * which every task had passed when it could have expired the session. So what the old session missed while
     * expired is replayed; what it did receive is recognised (per task, by the last sequence number each group
     * delivered) and not delivered twice.
     *
     * @param announce sends the new session's first heartbeat and start; runs before any join under it, so
     *     that the processor can expire the new session's pairs if this edge dies
     * @param since the positions to replay from
     */
    public void renewSession(Runnable announce, List<TaskPosition> since) {
        List<Future<?>> sent = new ArrayList<>();
        String old;
        synchronized (this) {
            old = commands.session().renew();
            announce.run();
            List<TaskPosition> cut = List.copyOf(since);
            groups.forEach((groupKey, group) -> {
                group.joinedWith(cut);
                sent.addAll(commands.join(groupKey, group.spec(), cut));
            });
            groups.forEach((groupKey, group) -> commands.leave(groupKey, group.spec(), old));
        }
        log.warn("Edge session {} renewed as {}: {} groups joined again", old, commands.session().id(), sent.size());
        sent.forEach(this::await);
    }

    private void await(Future<?> sent) {
        try {
            sent.get(ackTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            log.warn("A rejoin was not acknowledged yet: {}", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
