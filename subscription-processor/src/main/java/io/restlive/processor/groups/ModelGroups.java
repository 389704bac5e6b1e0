package io.restlive.processor.groups;

import io.restlive.core.views.EntityState;
import io.restlive.core.views.View;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The live groups of one model, bucketed so that a change touches only the groups it can affect:
 * retrieve groups by target pk, equality-indexed list groups by view and value, the rest in a scan list.
 *
 * <p>One writer (the global thread) and many readers (stream threads): every map is concurrent, and a
 * reader sees each group either before or after a join or leave, never half of it.
 */
final class ModelGroups {

    private final Map<String, Map<String, LiveGroup>> retrieveByPk = new ConcurrentHashMap<>();
    private final Map<String, IndexedView> indexedByView = new ConcurrentHashMap<>();
    private final Map<String, LiveGroup> scan = new ConcurrentHashMap<>();

    /** The equality-indexed groups of one view: its index value to the groups requiring it. */
    private record IndexedView(View view, Map<Object, Map<String, LiveGroup>> byValue) {
    }

    void add(LiveGroup group) {
        if (group.isRetrieve()) {
            retrieveByPk.computeIfAbsent(group.targetPkKey(), k -> new ConcurrentHashMap<>()).put(group.key(), group);
        } else if (group.isIndexed()) {
            indexedByView.computeIfAbsent(group.view().name(), k -> new IndexedView(group.view(), new ConcurrentHashMap<>()))
                    .byValue().computeIfAbsent(group.indexValue().orElseThrow(), k -> new ConcurrentHashMap<>())
                    .put(group.key(), group);
        } else {
            scan.put(group.key(), group);
        }
    }

    void remove(LiveGroup group) {
        if (group.isRetrieve()) {
            removeFrom(retrieveByPk, group.targetPkKey(), group.key());
        } else if (group.isIndexed()) {
            IndexedView indexed = indexedByView.get(group.view().name());
            if (indexed != null) {
                removeFrom(indexed.byValue(), group.indexValue().orElseThrow(), group.key());
                indexedByView.computeIfPresent(group.view().name(), (k, v) -> v.byValue().isEmpty() ? null : v);
            }
        } else {
            scan.remove(group.key());
        }
    }

    boolean isEmpty() {
        return retrieveByPk.isEmpty() && indexedByView.isEmpty() && scan.isEmpty();
    }

    /**
     * Adds to {@code out} every group a change of entity {@code pkKey} from {@code before} to
     * {@code after} can affect (either state may be null).
     */
    void collect(String pkKey, EntityState before, EntityState after, Map<String, LiveGroup> out) {
        Map<String, LiveGroup> retrieve = retrieveByPk.get(pkKey);
        if (retrieve != null) {
            out.putAll(retrieve);
        }
        for (IndexedView indexed : indexedByView.values()) {
            collectIndexed(indexed, before, out);
            collectIndexed(indexed, after, out);
        }
        out.putAll(scan);
    }

    private static void collectIndexed(IndexedView indexed, EntityState state, Map<String, LiveGroup> out) {
        if (state == null) {
            return;
        }
        Optional<Object> value = indexed.view().indexKeyOf(state);
        if (value.isPresent()) {
            Map<String, LiveGroup> groups = indexed.byValue().get(value.get());
            if (groups != null) {
                out.putAll(groups);
            }
        }
    }

    private static <K> void removeFrom(Map<K, Map<String, LiveGroup>> buckets, K bucket, String groupKey) {
        buckets.computeIfPresent(bucket, (k, groups) -> {
            groups.remove(groupKey);
            return groups.isEmpty() ? null : groups;
        });
    }
}
