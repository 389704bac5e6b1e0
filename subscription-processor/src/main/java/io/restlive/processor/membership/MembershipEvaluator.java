package io.restlive.processor.membership;

import io.restlive.core.json.Json;
import io.restlive.core.views.EntityState;
import io.restlive.core.views.View;
import io.restlive.processor.groups.LiveGroup;
import io.restlive.schemas.BroadcastAction;

/**
 * The membership table: whether the entity was in a group's view before and after the change, and what
 * that means to its subscribers.
 *
 * <pre>
 * before | after | frame
 * out    | in    | CREATED with the rendered instance
 * in     | in    | UPDATED with the rendered instance (also when nothing changed)
 * in     | out   | DELETED with {lookup-field: last value, id: pk} (also for a real delete)
 * out    | out   | none
 * </pre>
 */
public final class MembershipEvaluator {

    /**
     * A group's frame for a change.
     *
     * @param action what the change means to the group
     * @param payload the frame's {@code instance}, as JSON text, serialized once for all its subscribers
     */
    public record GroupFrame(BroadcastAction action, String payload) {
    }

    private MembershipEvaluator() {
    }

    /**
     * The frame of one group for one change, or null if the change means nothing to it.
     *
     * @param before the state before the change, or null if it did not exist
     * @param after the state after the change, or null if it was deleted
     */
    public static GroupFrame evaluate(LiveGroup group, EntityState before, EntityState after) {
        View view = group.view();
        boolean inBefore = before != null && view.isVisible(group.context(), before);
        boolean inAfter = after != null && view.isVisible(group.context(), after);
        if (inAfter) {
            return new GroupFrame(inBefore ? BroadcastAction.UPDATED : BroadcastAction.CREATED,
                    Json.write(view.render(group.context(), after)));
        }
        if (inBefore) {
            return new GroupFrame(BroadcastAction.DELETED, Json.write(view.deletedPayload(before)));
        }
        return null;
    }
}
