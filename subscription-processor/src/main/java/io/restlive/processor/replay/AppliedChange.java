package io.restlive.processor.replay;

import io.restlive.core.views.EntityState;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A change as a task applied it: enough to evaluate any group against it again, later.
 *
 * <p>It keeps the states as JSON trees (shared with the store's objects while they live), not as
 * {@link EntityState}s, whose CEL values would double the memory of every change kept.
 *
 * @param seq the sequence number the task gave it
 * @param entityKey {@code <model>|<pk json>}
 * @param model the model label
 * @param pkKey the pk as entity-key JSON text
 * @param pk the pk
 * @param before the fields before the change; null if the entity did not exist
 * @param after the fields after the change; null if it was deleted
 * @param ts the change's event time
 * @param appliedAtMs when the task applied it (wall clock), for the history's age limit
 */
public record AppliedChange(long seq, String entityKey, String model, String pkKey, JsonNode pk, ObjectNode before,
                            ObjectNode after, long ts, long appliedAtMs) {

    /** The state before the change, as views evaluate it; null if none. */
    public EntityState beforeState() {
        return before == null ? null : new EntityState(pk, before);
    }

    /** The state after the change, as views evaluate it; null if none. */
    public EntityState afterState() {
        return after == null ? null : new EntityState(pk, after);
    }
}
