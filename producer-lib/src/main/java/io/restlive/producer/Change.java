package io.restlive.producer;

import io.restlive.schemas.ChangeOp;

/**
 * One entity change, for {@link LiveProducer#publishAll}.
 *
 * @param model the model label, e.g. {@code todolist.Task}
 * @param pk the primary key: an integral number or a string
 * @param op {@link ChangeOp#UPSERT} or {@link ChangeOp#DELETE}
 * @param instance the full state after the change (a Map, a POJO or record, a Jackson JsonNode, or JSON
 *     object text); null for a delete
 * @param version grows per entity (row version, updated-at millis); null when unknown
 */
public record Change(String model, Object pk, ChangeOp op, Object instance, Long version) {

    /** The entity exists with this state. */
    public static Change upsert(String model, Object pk, Object instance) {
        return new Change(model, pk, ChangeOp.UPSERT, instance, null);
    }

    /** The entity exists with this state, at this version. */
    public static Change upsert(String model, Object pk, Object instance, long version) {
        return new Change(model, pk, ChangeOp.UPSERT, instance, version);
    }

    /** The entity was deleted. */
    public static Change delete(String model, Object pk) {
        return new Change(model, pk, ChangeOp.DELETE, null, null);
    }

    /** The entity was deleted, at this version. */
    public static Change delete(String model, Object pk, long version) {
        return new Change(model, pk, ChangeOp.DELETE, null, version);
    }
}
