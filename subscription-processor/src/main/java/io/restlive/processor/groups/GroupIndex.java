package io.restlive.processor.groups;

import io.restlive.core.views.EntityState;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The subscription groups the tasks of this instance apply, shared by them so that a group's evaluation
 * context is built once per instance however many tasks evaluate it.
 *
 * <p>Each task learns of joins and leaves in its own input (its partition of the subscriptions topic), in
 * order with its changes; a {@link Route} records, per task, whether that task has applied the edge
 * session's join, so a task evaluates a group for a session exactly from the change after it applied the
 * join. A list group's join reaches every task, a retrieve group's only the task of its entity. A group
 * lives while any task of this instance holds any route to it.
 *
 * <p>Writes come from the task threads and are serialized; reads (the candidates of a change, the routes
 * of a group) are lock-free over concurrent maps and immutable route lists. Tasks are numbered by
 * partition; there are at most {@value #MAX_PARTITIONS}.
 */
public final class GroupIndex {

    /** The most partitions a task set can have: a route's task bits fit a long. */
    public static final int MAX_PARTITIONS = 64;

    private record Membership(LiveGroup group, List<Route> routes) {
    }

    private final Map<String, Membership> byKey = new ConcurrentHashMap<>();
    private final Map<String, ModelGroups> byModel = new ConcurrentHashMap<>();

    /**
     * Task {@code partition} applied an edge session's join of a group; the group is created with
     * {@code group} if this instance did not have it (so its context is built once).
     *
     * @return the group, or empty if it could not be created (its view is unknown; logged by the factory)
     */
    public synchronized Optional<LiveGroup> join(String groupKey, String session, int slot, int partition,
                                                 Supplier<Optional<LiveGroup>> group) {
        Membership existing = byKey.get(groupKey);
        if (existing == null) {
            Optional<LiveGroup> created = group.get();
            if (created.isEmpty()) {
                return Optional.empty();
            }
            existing = new Membership(created.get(), List.of());
            byKey.put(groupKey, existing);
            byModel.computeIfAbsent(created.get().model(), m -> new ModelGroups()).add(created.get());
        }
        List<Route> routes = new ArrayList<>(existing.routes().size() + 1);
        Route route = null;
        for (Route r : existing.routes()) {
            if (r.session().equals(session)) {
                route = r.withTask(partition);
                routes.add(route);
            } else {
                routes.add(r);
            }
        }
        if (route == null) {
            routes.add(new Route(session, slot, bit(partition)));
        }
        byKey.put(groupKey, new Membership(existing.group(), List.copyOf(routes)));
        return Optional.of(existing.group());
    }

    /**
     * Task {@code partition} applied an edge session's leave of a group.
     *
     * @return true if the session held the group in that task
     */
    public synchronized boolean leave(String groupKey, String session, int partition) {
        Membership existing = byKey.get(groupKey);
        if (existing == null) {
            return false;
        }
        boolean held = false;
        List<Route> routes = new ArrayList<>(existing.routes().size());
        for (Route r : existing.routes()) {
            if (r.session().equals(session) && r.heldBy(partition)) {
                held = true;
                Route rest = r.withoutTask(partition);
                if (rest.tasks() != 0) {
                    routes.add(rest);
                }
            } else {
                routes.add(r);
            }
        }
        replace(groupKey, existing, routes);
        return held;
    }

    /** Task {@code partition} is no longer on this instance (closed or moved): it holds no route any more. */
    public synchronized void forgetTask(int partition) {
        for (Map.Entry<String, Membership> entry : List.copyOf(byKey.entrySet())) {
            List<Route> routes = new ArrayList<>(entry.getValue().routes().size());
            for (Route r : entry.getValue().routes()) {
                Route rest = r.withoutTask(partition);
                if (rest.tasks() != 0) {
                    routes.add(rest);
                }
            }
            replace(entry.getKey(), entry.getValue(), routes);
        }
    }

    private void replace(String groupKey, Membership existing, List<Route> routes) {
        if (routes.isEmpty()) {
            byKey.remove(groupKey);
            LiveGroup group = existing.group();
            byModel.computeIfPresent(group.model(), (model, groups) -> {
                groups.remove(group);
                return groups.isEmpty() ? null : groups;
            });
        } else {
            byKey.put(groupKey, new Membership(existing.group(), List.copyOf(routes)));
        }
    }

    /** The number of live groups on this instance. */
    public int size() {
        return byKey.size();
    }

    /** A live group by key. */
    public Optional<LiveGroup> group(String groupKey) {
        return Optional.ofNullable(byKey.get(groupKey)).map(Membership::group);
    }

    /** The routes of a group (every session holding it in any task here); empty if it is not live. */
    public List<Route> routes(String groupKey) {
        Membership membership = byKey.get(groupKey);
        return membership == null ? List.of() : membership.routes();
    }

    /**
     * The groups a change can affect, each once: retrieve groups of this pk, indexed list groups whose
     * value matches the state before or after, and every unindexed list group of the model. A task still
     * checks each group's routes for its own bit.
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

    /** The task bit of a partition. */
    public static long bit(int partition) {
        if (partition < 0 || partition >= MAX_PARTITIONS) {
            throw new IllegalArgumentException("partition " + partition + " is outside 0.." + (MAX_PARTITIONS - 1)
                    + ": rest-live supports at most " + MAX_PARTITIONS + " partitions of the changes topic");
        }
        return 1L << partition;
    }

    /**
     * One edge session's hold on a group.
     *
     * @param session the edge session
     * @param slot the broadcasts partition it reads
     * @param tasks the bits of the tasks (partitions) here that applied its join
     */
    public record Route(String session, int slot, long tasks) {

        /** True if task {@code partition} applied the session's join. */
        public boolean heldBy(int partition) {
            return (tasks & bit(partition)) != 0;
        }

        Route withTask(int partition) {
            return new Route(session, slot, tasks | bit(partition));
        }

        Route withoutTask(int partition) {
            return new Route(session, slot, tasks & ~bit(partition));
        }
    }
}
