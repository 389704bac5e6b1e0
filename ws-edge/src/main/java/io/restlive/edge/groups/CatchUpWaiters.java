package io.restlive.edge.groups;

import io.restlive.edge.protocol.Connection;
import io.restlive.edge.protocol.Subscription;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Retrieve subscribers waiting for a possible catch-up from the processor, each under a key of its own
 * ({@code <groupKey>~<session>~<n>}), so that the fan-out delivers a catch-up to that one subscriber and
 * to no other member of its group.
 *
 * <p>A wait ends when the catch-up arrives, when a frame of the group itself is delivered first (the
 * subscriber received it, being a member already, and broadcasts of one entity arrive in order: it is
 * then at least as current as the catch-up would make it, and a DELETED is not sent twice), when the
 * subscription ends, or after {@link #MAX_WAIT}. Most waits end the last way: the processor sends
 * nothing when the subscriber saw the current state.
 */
final class CatchUpWaiters {

    /** As long as the processor accepts a join as live (its catch-up max age). */
    static final Duration MAX_WAIT = Duration.ofSeconds(60);
    private static final long SWEEP_EVERY_NANOS = Duration.ofSeconds(10).toNanos();
    private static final char SEPARATOR = '~';

    private record Waiter(LocalGroups.Member member, long registeredNanos) {
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
        byGroup.computeIfAbsent(groupKey, k -> new ConcurrentHashMap<>()).put(key, new Waiter(member, now));
        if (now - lastSweepNanos > SWEEP_EVERY_NANOS) {
            lastSweepNanos = now;
            sweep(now);
        }
        return key;
    }

    /** The member a catch-up is for, if it still waits; the wait ends either way. */
    Optional<LocalGroups.Member> take(String catchUpKey) {
        String groupKey = catchUpKey.substring(0, catchUpKey.indexOf(SEPARATOR));
        Waiter[] taken = new Waiter[1];
        byGroup.computeIfPresent(groupKey, (k, waiters) -> {
            taken[0] = waiters.remove(catchUpKey);
            return waiters.isEmpty() ? null : waiters;
        });
        if (taken[0] == null || expired(taken[0], nanoTime.getAsLong())) {
            return Optional.empty();
        }
        return Optional.of(taken[0].member());
    }

    /** A frame of the group is being delivered to its members: their waits end. */
    void groupDelivered(String groupKey) {
        if (!byGroup.isEmpty()) {
            byGroup.remove(groupKey);
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
