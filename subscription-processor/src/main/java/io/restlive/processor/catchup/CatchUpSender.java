package io.restlive.processor.catchup;

import io.restlive.core.json.Json;
import io.restlive.core.views.EntityState;
import io.restlive.processor.entities.StoredEntity;
import io.restlive.processor.groups.GroupIndex;
import io.restlive.processor.groups.LiveGroup;
import io.restlive.schemas.BroadcastAction;
import io.restlive.schemas.ChangeBroadcast;
import io.restlive.schemas.EntityKeys;
import io.restlive.schemas.GroupBroadcast;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Settles pending catch-ups for the entities one task stores, on the task's thread (so a catch-up is
 * ordered with the entity's broadcasts, which that thread writes under the same key).
 *
 * <p>The state the subscriber saw is the current one (equal digests): nothing is sent, since subscribing
 * stays silent. It is not: one entry addressed to the request's key, {@code UPDATED} with the state
 * rendered for the group if the instance is in the group's view, else {@code DELETED} with the payload
 * the subscriber's edge computed for what it saw. An entity the task would store but finds no entry for
 * was deleted without a version (which leaves no tombstone): {@code DELETED} too.
 */
public final class CatchUpSender {

    /** How long an instance keeps a request whose entity none of its tasks stores, once its tasks saw it. */
    public static final Duration UNCLAIMED_TTL = Duration.ofSeconds(30);

    private final PendingCatchUps pending;
    private final GroupIndex groups;

    public CatchUpSender(PendingCatchUps pending, GroupIndex groups) {
        this.pending = pending;
        this.groups = groups;
    }

    /**
     * Settles the requests of the entities this task stores, emitting each catch-up keyed by entity.
     *
     * @param stored this task's entity store
     * @param owns whether an entity belongs to this task's store, present or not; requests of other
     *     entities are left to their owner (and dropped {@link #UNCLAIMED_TTL} after a task first saw them)
     * @param emit receives (entity key, broadcast)
     * @param nowMs wall-clock time
     * @return the number of catch-ups emitted
     */
    public int settle(Function<String, StoredEntity> stored, Predicate<String> owns,
                      BiConsumer<String, ChangeBroadcast> emit, long nowMs) {
        int sent = 0;
        for (String entityKey : List.copyOf(pending.entities())) {
            StoredEntity entity = stored.apply(entityKey);
            if (entity == null && !owns.test(entityKey)) {
                continue;
            }
            for (PendingCatchUps.Request request : pending.of(entityKey)) {
                Optional<ChangeBroadcast> catchUp = catchUp(entityKey, entity, request, nowMs);
                pending.settle(entityKey, request);
                if (catchUp.isPresent()) {
                    emit.accept(entityKey, catchUp.get());
                    sent++;
                }
            }
        }
        pending.expireUnclaimed(nowMs, UNCLAIMED_TTL);
        return sent;
    }

    /** The catch-up for one request; {@code entity} is null when the entity has no entry at all. */
    private Optional<ChangeBroadcast> catchUp(String entityKey, StoredEntity entity, PendingCatchUps.Request request,
                                              long nowMs) {
        Optional<LiveGroup> group = groups.group(request.groupKey());
        String digest = entity == null ? null : entity.digest();
        if (group.isEmpty() || Objects.equals(digest, request.digest())) {
            return Optional.empty();
        }
        EntityState state = entity == null ? null : entity.toState();
        GroupBroadcast entry;
        if (state != null && group.get().view().isVisible(group.get().context(), state)) {
            entry = entry(request, BroadcastAction.UPDATED,
                    Json.write(group.get().view().render(group.get().context(), state)));
        } else {
            entry = entry(request, BroadcastAction.DELETED, request.deletedPayload());
        }
        return Optional.of(ChangeBroadcast.newBuilder()
                .setModel(group.get().model())
                .setPk(EntityKeys.pkJsonOf(entityKey))
                .setTs(Instant.ofEpochMilli(nowMs))
                .setGroups(List.of(entry))
                .build());
    }

    private static GroupBroadcast entry(PendingCatchUps.Request request, BroadcastAction action, String instance) {
        return GroupBroadcast.newBuilder().setGroupKey(request.key()).setAction(action).setInstance(instance).build();
    }
}
