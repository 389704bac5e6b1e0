package io.restlive.edge.groups;

import io.restlive.edge.protocol.Connection;
import io.restlive.edge.protocol.GroupMembership;
import io.restlive.edge.protocol.SeenInstance;
import io.restlive.edge.protocol.Subscription;
import io.restlive.schemas.CatchUpRequest;
import io.restlive.schemas.GroupBroadcast;
import io.restlive.schemas.GroupSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The subscribers of each group on this edge. The first subscriber of a group makes the edge announce
 * it to the processor, the last one to leave retracts it; in between, subscribers cost the processor
 * nothing.
 */
public final class LocalGroups implements GroupMembership {

    /** One subscription of one connection in a group. */
    public record Member(Connection connection, Subscription subscription) {
    }

    private static final Logger log = LoggerFactory.getLogger(LocalGroups.class);

    private final GroupCommands commands;
    private final Duration ackTimeout;
    private final Map<String, List<Member>> members = new ConcurrentHashMap<>();
    /** The spec of every group this edge holds, to join them again under a new session. */
    private final Map<String, GroupSpec> specs = new ConcurrentHashMap<>();
    private final CatchUpWaiters catchUps;

    public LocalGroups(GroupCommands commands, Duration ackTimeout) {
        this(commands, ackTimeout, System::nanoTime);
    }

    LocalGroups(GroupCommands commands, Duration ackTimeout, LongSupplier nanoTime) {
        this.commands = commands;
        this.ackTimeout = ackTimeout;
        this.catchUps = new CatchUpWaiters(nanoTime);
    }

    /**
     * Adds a member; the first one announces the group. A retrieve subscriber that says what it saw joins
     * again even when the group is not new, with a catch-up request, and waits under its own key (see
     * {@link CatchUpWaiters}). Announcements are not awaited: the protocol acknowledges no subscribe, and a
     * thread waiting for the broker's ack capped a subscribe storm at threads / round trip (failures are
     * logged by {@link GroupCommands}).
     */
    @Override
    public void join(String groupKey, GroupSpec spec, Connection connection, Subscription subscription,
                     SeenInstance seen) {
        // The decision "first member" and the send happen under one lock so that joins and leaves of a
        // group reach the topic in the order they were decided.
        synchronized (this) {
            List<Member> group = members.computeIfAbsent(groupKey, k -> new CopyOnWriteArrayList<>());
            Member member = new Member(connection, subscription);
            boolean first = group.isEmpty();
            if (first) {
                specs.put(groupKey, spec);
            }
            // Member first, wait second: a frame of the group delivered in between (the fan-out does not take
            // this lock) reaches the member, and the catch-up may repeat it; the other order could remember
            // a frame the member did not get and drop the catch-up it needs.
            group.add(member);
            if (seen != null) {
                String key = catchUps.expect(groupKey, member, commands.session().id());
                commands.join(groupKey, spec, CatchUpRequest.newBuilder().setKey(key).setDigest(seen.digest())
                        .setDeletedPayload(seen.deletedPayload()).build());
            } else if (first) {
                commands.join(groupKey, spec);
            }
        }
    }

    @Override
    public void leave(String groupKey, Connection connection, Subscription subscription) {
        synchronized (this) {
            List<Member> group = members.get(groupKey);
            if (group == null) {
                return;
            }
            group.removeIf(m -> m.connection() == connection && m.subscription() == subscription);
            catchUps.forget(groupKey, connection, subscription);
            if (group.isEmpty()) {
                members.remove(groupKey);
                specs.remove(groupKey);
                commands.leave(groupKey);
            }
        }
    }

    /**
     * Who gets a broadcast entry: the one subscriber waiting under a catch-up key (unless its last frame of
     * the group already showed the same), or the members of a group (see {@link CatchUpWaiters}).
     */
    public List<Member> recipients(GroupBroadcast entry) {
        String key = entry.getGroupKey();
        if (CatchUpWaiters.isCatchUpKey(key)) {
            return catchUps.take(entry).map(List::of).orElse(List.of());
        }
        catchUps.groupDelivered(entry);
        return members(key);
    }

    /** Number of retrieve subscribers that may still get a catch-up. */
    public int waitingForCatchUp() {
        return catchUps.size();
    }

    /** The members of a group on this edge (empty if none). */
    public List<Member> members(String groupKey) {
        List<Member> group = members.get(groupKey);
        return group == null ? List.of() : group;
    }

    /** The session this edge's commands are sent under. */
    public EdgeSession session() {
        return commands.session();
    }

    /** Number of groups this edge holds. */
    public int size() {
        return members.size();
    }

    /** Retracts every group, for a graceful shutdown. */
    public synchronized void leaveAll() {
        members.keySet().forEach(commands::leave);
        members.clear();
        specs.clear();
    }

    /**
     * Starts a new session and joins every group again under it, because the processor may have expired
     * the current one; the old session's pairs are retracted too (the processor expires them anyway).
     *
     * @param announce sends the new session's first heartbeat; runs before any join under it, so that the
     *     processor can expire the new session's pairs if this edge dies
     */
    public void renewSession(Runnable announce) {
        List<Future<?>> sent = new ArrayList<>();
        String old;
        synchronized (this) {
            old = commands.session().renew();
            announce.run();
            specs.forEach((groupKey, spec) -> sent.add(commands.join(groupKey, spec)));
            specs.keySet().forEach(groupKey -> commands.leave(groupKey, old));
        }
        log.warn("Edge session {} renewed as {}: {} groups joined again", old, commands.session().id(), sent.size());
        sent.forEach(future -> await(future, "(rejoin)"));
    }

    private void await(Future<?> sent, String groupKey) {
        if (sent == null) {
            return;
        }
        try {
            sent.get(ackTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            log.warn("Group {} command not acknowledged yet: {}", groupKey, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
