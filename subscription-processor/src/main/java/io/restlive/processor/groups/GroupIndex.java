package io.restlive.processor.groups;

import io.restlive.core.views.EntityState;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Every live subscription group of the cluster, in memory, shared by the global thread (which keeps it
 * in step with the {@code subscription-groups} store) and the stream threads (which ask it which groups
 * a change can affect).
 *
 * <p>A group lives while at least one edge holds it. Writes come from one thread and are serialized;
 * reads are lock-free.
 */
public final class GroupIndex {

    private record Membership(LiveGroup group, Set<String> edges) {
    }

    private final Map<String, Membership> byKey = new ConcurrentHashMap<>();
    private final Map<String, ModelGroups> byModel = new ConcurrentHashMap<>();

    /**
     * Records that {@code edgeId} holds the group; the group is created with {@code group} if no edge
     * held it yet (so its context is built once).
     *
     * @return true if the group is new
     */
    public synchronized boolean join(String groupKey, String edgeId, Supplier<Optional<LiveGroup>> group) {
        Membership existing = byKey.get(groupKey);
        if (existing != null) {
            byKey.put(groupKey, new Membership(existing.group(), plus(existing.edges(), edgeId)));
            return false;
        }
        Optional<LiveGroup> created = group.get();
        if (created.isEmpty()) {
            return false;
        }
        byKey.put(groupKey, new Membership(created.get(), Set.of(edgeId)));
        byModel.computeIfAbsent(created.get().model(), m -> new ModelGroups()).add(created.get());
        return true;
    }

    /**
     * Records that {@code edgeId} no longer holds the group.
     *
     * @return true if that was its last edge and the group is gone
     */
    public synchronized boolean leave(String groupKey, String edgeId) {
        Membership existing = byKey.get(groupKey);
        if (existing == null || !existing.edges().contains(edgeId)) {
            return false;
        }
        if (existing.edges().size() > 1) {
            byKey.put(groupKey, new Membership(existing.group(), minus(existing.edges(), edgeId)));
            return false;
        }
        byKey.remove(groupKey);
        LiveGroup group = existing.group();
        byModel.computeIfPresent(group.model(), (model, groups) -> {
            groups.remove(group);
            return groups.isEmpty() ? null : groups;
        });
        return true;
    }

    /** Forgets every group, before a rebuild from the store. */
    public synchronized void clear() {
        byKey.clear();
        byModel.clear();
    }

    /** The number of live groups. */
    public int size() {
        return byKey.size();
    }

    /** A live group by key. */
    public Optional<LiveGroup> group(String groupKey) {
        return Optional.ofNullable(byKey.get(groupKey)).map(Membership::group);
    }

    /** The edges holding a group; empty if it is not live. */
    public Set<String> edges(String groupKey) {
        Membership membership = byKey.get(groupKey);
        return membership == null ? Set.of() : membership.edges();
    }

    /**
     * The groups a change can affect, each once: retrieve groups of this pk, indexed list groups whose
     * value matches the state before or after, and every unindexed list group of the model.
     *
     * @param model the entity's model
     * @param pkKey the entity's pk as entity-key JSON text
     * @param before the state before the change, or null
     * @param after the state after the change, or null
     */
    public Collection<LiveGroup> candidates(String model, String pkKey, EntityState before, EntityState after) {
        ModelGroups groups = byModel.get(model);
        if (groups == null) {
            return List.of();
        }
        Map<String, LiveGroup> out = new LinkedHashMap<>();
        groups.collect(pkKey, before, after, out);
        return out.values();
    }

    private static Set<String> plus(Set<String> edges, String edgeId) {
        if (edges.contains(edgeId)) {
            return edges;
        }
        HashSet<String> copy = new HashSet<>(edges);
        copy.add(edgeId);
        return Set.copyOf(copy);
    }

    private static Set<String> minus(Set<String> edges, String edgeId) {
        HashSet<String> copy = new HashSet<>(edges);
        copy.remove(edgeId);
        return Set.copyOf(copy);
    }
}
