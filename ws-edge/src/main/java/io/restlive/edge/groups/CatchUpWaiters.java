package io.restlive.edge.groups;

import io.restlive.edge.protocol.Connection;
import io.restlive.edge.protocol.Subscription;
import io.restlive.schemas.BroadcastAction;
import io.restlive.schemas.GroupBroadcast;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;

/**
 * Retrieve subscribers waiting for a possible catch-up from the processor, each under a key of its own
 * ({@code <groupKey>~<session>~<n>}), so that the fan-out delivers a catch-up to that one subscriber and
 * to no other member of its group.
 *
 * <p>A wait ends when the catch-up arrives, when the subscription ends, or after {@link #MAX_WAIT}. Most
 * waits end the last way: the processor sends nothing when the subscriber saw the current state, or when
 * a change was evaluated with the group after the request (the subscriber got it as a member). Frames of
 * the group that reach the waiting member do not end the wait: they may come from changes evaluated before
 * the request, with the group live through other subscribers, and a change missed later (the group
 * briefly gone from the processor's index when its last other edge left) still needs the catch-up. They
 * are remembered instead: broadcasts of one entity arrive in order, so a catch-up showing exactly what the
 * member's last frame of the group showed (or a DELETED after a DELETED) would repeat it, and is dropped.
 */
final class CatchUpWaiters {

    /** As long as the processor accepts a join as live (its catch-up max age). */
    static final Duration MAX_WAIT = Duration.ofSeconds(60);
    private static final long SWEEP_EVERY_NANOS = Duration.ofSeconds(10).toNanos();
    private static final char SEPARATOR = '~';

    /** One waiting member and the last entry of its group it received meanwhile (null for none yet). */
    private record Waiter(LocalGroups.Member member, long registeredNanos, AtomicReference<GroupBroadcast> lastFrame) {

        /** True if the member's last frame of the group already showed what {@code catchUp} would. */
        boolean alreadyShows(GroupBroadcast catchUp) {
            GroupBroadcast last = lastFrame.get();
            return last != null && last.getAction() == catchUp.getAction()
                    && (catchUp.getAction() == BroadcastAction.DELETED
                        || Objects.equals(catchUp.getInstance(), last.getInstance()));
        }
    }

    private final Map<String, Map<String, Waiter>> byGroup = new ConcurrentHashMap<>();
    private final AtomicLong sequence = new AtomicLong();
    private final LongSupplier nanoTime;
    private volatile long lastSweepNanos;

    CatchUpWaiters(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
        this.lastSweepNanos = nanoTime.getAsLong();
    }

    /** True if a broadcast entry's key is a catch-up key rather than a group key (group keys are hex). */
    static boolean isCatchUpKey(String key) {
        return key.indexOf(SEPARATOR) > 0;
    }

    /** Registers a member waiting for a catch-up; returns the key the processor will address it to. */
    String expect(String groupKey, LocalGroups.Member member, String sessionId) {
        String key = groupKey + SEPARATOR + sessionId + SEPARATOR + sequence.incrementAndGet();
        long now = nanoTime.getAsLong();
        byGroup.computeIfAbsent(groupKey, k -> new ConcurrentHashMap<>())
                .put(key, new Waiter(member, now, new AtomicReference<>()));
        if (now - lastSweepNanos > SWEEP_EVERY_NANOS) {
            lastSweepNanos = now;
            sweep(now);
        }
        return key;
    }

    /**
     * The member a catch-up is for, if it still waits and the catch-up tells it something new; the wait
     * ends either way.
     */
    Optional<LocalGroups.Member> take(GroupBroadcast catchUp) {
        String catchUpKey = catchUp.getGroupKey();
        String groupKey = catchUpKey.substring(0, catchUpKey.indexOf(SEPARATOR));
        Waiter[] taken = new Waiter[1];
        byGroup.computeIfPresent(groupKey, (k, waiters) -> {
            taken[0] = waiters.remove(catchUpKey);
            return waiters.isEmpty() ? null : waiters;
        });
        if (taken[0] == null || expired(taken[0], nanoTime.getAsLong()) || taken[0].alreadyShows(catchUp)) {
            return Optional.empty();
        }
        return Optional.of(taken[0].member());
    }

    /** A frame of the group is being delivered to its members: the waiting ones remember it. */
    void groupDelivered(GroupBroadcast frame) {
        if (byGroup.isEmpty()) {
            return;
        }
        Map<String, Waiter> waiters = byGroup.get(frame.getGroupKey());
        if (waiters != null) {
            waiters.values().forEach(waiter -> waiter.lastFrame().set(frame));
        }
    }

    /** The subscription ended: it waits no more. */
    void forget(String groupKey, Connection connection, Subscription subscription) {
        byGroup.computeIfPresent(groupKey, (k, waiters) -> {
            waiters.values().removeIf(w -> w.member().connection() == connection
                    && w.member().subscription() == subscription);
            return waiters.isEmpty() ? null : waiters;
        });
    }

    /** Number of waiting subscribers. */
    int size() {
        return byGroup.values().stream().mapToInt(Map::size).sum();
    }

    private void sweep(long now) {
        for (String groupKey : byGroup.keySet()) {
            byGroup.computeIfPresent(groupKey, (k, waiters) -> {
                waiters.values().removeIf(w -> expired(w, now));
                return waiters.isEmpty() ? null : waiters;
            });
        }
    }

    private static boolean expired(Waiter waiter, long now) {
        return now - waiter.registeredNanos() > MAX_WAIT.toNanos();
    }
}
