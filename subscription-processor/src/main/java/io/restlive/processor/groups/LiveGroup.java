package io.restlive.processor.groups;

import io.restlive.core.views.SubscriptionContext;
import io.restlive.core.views.View;
import java.util.Optional;

/**
 * A subscription group as the processor evaluates it: its view and its evaluation context, built once
 * when the first edge announces the group and reused for every change.
 *
 * @param key the group key, as in broadcasts
 * @param view the group's view
 * @param context what the view's expressions read besides the entity
 * @param targetPkKey for a retrieve group, its target pk as entity-key JSON text ({@code 1}, {@code "a"});
 *     null for a list group
 * @param indexValue for a list group whose view's queryset has an instance-field equality, the value that
 *     field must have; empty otherwise
 */
public record LiveGroup(String key, View view, SubscriptionContext context, String targetPkKey,
                        Optional<Object> indexValue) {

    /** The model the group watches. */
    public String model() {
        return view.model();
    }

    /** True for a retrieve group, which follows a single entity. */
    public boolean isRetrieve() {
        return targetPkKey != null;
    }

    /** True for a list group found through its view's equality index rather than a scan. */
    public boolean isIndexed() {
        return !isRetrieve() && indexValue.isPresent();
    }
}
