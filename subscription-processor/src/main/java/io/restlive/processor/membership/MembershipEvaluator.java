package io.restlive.processor.membership;

import io.restlive.core.json.Json;
import io.restlive.core.views.EntityState;
import io.restlive.core.views.View;
import io.restlive.processor.groups.LiveGroup;
import io.restlive.schemas.BroadcastAction;
import io.restlive.schemas.GroupBroadcast;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The membership table: for each group, whether the entity was in its view before and after the change,
 * and what that means to its subscribers.
 *
 * <pre>
 * before | after | entry
 * out    | in    | CREATED with the rendered instance
 * in     | in    | UPDATED with the rendered instance (also when nothing changed)
 * in     | out   | DELETED with {lookup-field: last value, id: pk} (also for a real delete)
 * out    | out   | none
 * </pre>
 */
public final class MembershipEvaluator {

    private MembershipEvaluator() {
    }

    /**
     * The entries of one change, at most one per group.
     *
     * @param groups the candidate groups, each once
     * @param before the state before the change, or null if it did not exist
     * @param after the state after the change, or null if it was deleted
     */
    public static List<GroupBroadcast> evaluate(Collection<LiveGroup> groups, EntityState before, EntityState after) {
        List<GroupBroadcast> entries = new ArrayList<>();
        for (LiveGroup group : groups) {
            View view = group.view();
            boolean inBefore = before != null && view.isVisible(group.context(), before);
            boolean inAfter = after != null && view.isVisible(group.context(), after);
            if (inAfter) {
                entries.add(entry(group, inBefore ? BroadcastAction.UPDATED : BroadcastAction.CREATED,
                        Json.write(view.render(group.context(), after))));
            } else if (inBefore) {
                entries.add(entry(group, BroadcastAction.DELETED, Json.write(view.deletedPayload(before))));
            }
        }
        return entries;
    }

    private static GroupBroadcast entry(LiveGroup group, BroadcastAction action, String instance) {
        return GroupBroadcast.newBuilder().setGroupKey(group.key()).setAction(action).setInstance(instance).build();
    }
}
