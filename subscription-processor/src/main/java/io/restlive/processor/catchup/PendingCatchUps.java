package io.restlive.processor.catchup;

import io.restlive.processor.groups.LiveGroup;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Catch-ups that retrieve subscribers' joins requested and that are not settled yet, by entity key.
 *
 * <p>The global thread registers a request <em>before</em> it adds the request's group to the index, so a
 * stream thread that evaluates a change with the group always finds the request and supersedes it (the
 * subscriber gets that change through the group). A request still pending at the next punctuation was
 * either superseded by nothing (the state is what the subscriber saw, or a change slipped in before the
 * group was indexed) and is settled by comparing digests; see {@link CatchUpSender}.
 *
 * <p>Every instance's global thread registers every request, but only the instance whose task stores the
 * entity settles it; the others drop it after {@link #expireUnclaimed}.
 */
public final class PendingCatchUps {

    /**
     * One request.
     *
     * @param groupKey the group the subscriber joined
     * @param key where the catch-up goes: the broadcast entry's group key, unique to the subscriber
     * @param digest the digest of the state the subscriber saw
     * @param deletedPayload the DELETED instance for that subscriber, as JSON text
     * @param firstSeenMs when a stream thread first saw the request (its wall clock), or {@link #UNSEEN}
     */
    public record Request(String groupKey, String key, String digest, String deletedPayload, long firstSeenMs) {

        /** Not seen by a stream thread yet. */
        public static final long UNSEEN = -1;

        /** A request as the global thread registers it. */
        public static Request of(String groupKey, String key, String digest, String deletedPayload) {
            return new Request(groupKey, key, digest, deletedPayload, UNSEEN);
        }

        Request seenAt(long nowMs) {
            return new Request(groupKey, key, digest, deletedPayload, nowMs);
        }
    }

    private final Map<String, Map<String, Request>> byEntity = new ConcurrentHashMap<>();

    /** Adds a request for the entity {@code entityKey}; a second one with the same key replaces the first. */
    public void register(String entityKey, Request request) {
        byEntity.computeIfAbsent(entityKey, k -> new ConcurrentHashMap<>()).put(request.key(), request);
    }

    /** True if nothing is pending: the cheap check every change makes first. */
    public boolean isEmpty() {
        return byEntity.isEmpty();
    }

    /** A change of the entity was evaluated with {@code groups}: their requests are superseded. */
    public void supersede(String entityKey, Collection<LiveGroup> groups) {
        Map<String, Request> pending = byEntity.get(entityKey);
        if (pending == null || groups.isEmpty()) {
            return;
        }
        Set<String> evaluated = new HashSet<>();
        groups.forEach(group -> evaluated.add(group.key()));
        pending.values().removeIf(request -> evaluated.contains(request.groupKey()));
        byEntity.computeIfPresent(entityKey, (k, v) -> v.isEmpty() ? null : v);
    }

    /** The entities with pending requests. */
    public Set<String> entities() {
        return byEntity.keySet();
    }

    /** The pending requests of one entity (a copy). */
    public List<Request> of(String entityKey) {
        Map<String, Request> pending = byEntity.get(entityKey);
        return pending == null ? List.of() : new ArrayList<>(pending.values());
    }

    /** Removes a request once it is settled (sent or found unnecessary). */
    public void settle(String entityKey, Request request) {
        byEntity.computeIfPresent(entityKey, (k, pending) -> {
            pending.remove(request.key(), request);
            return pending.isEmpty() ? null : pending;
        });
    }

    /**
     * Drops the requests that stream threads have seen for longer than {@code ttl} without settling them:
     * their entity is stored by another instance. Ages are measured on the stream threads' wall clock
     * only (the first sighting stamps a request), not on the global thread's.
     */
    public void expireUnclaimed(long nowMs, Duration ttl) {
        long cutoff = nowMs - ttl.toMillis();
        for (String entityKey : byEntity.keySet()) {
            byEntity.computeIfPresent(entityKey, (k, pending) -> {
                pending.replaceAll((key, request) -> request.firstSeenMs() == Request.UNSEEN
                        ? request.seenAt(nowMs) : request);
                pending.values().removeIf(request -> request.firstSeenMs() < cutoff);
                return pending.isEmpty() ? null : pending;
            });
        }
    }

    /** Number of pending requests. */
    public int size() {
        return byEntity.values().stream().mapToInt(Map::size).sum();
    }
}
