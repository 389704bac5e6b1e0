package io.restlive.spring.internal;

import tools.jackson.databind.JsonNode;

/**
 * One change of one live entity, with its state already serialized: what the starter hands to the
 * producer or writes to the outbox.
 *
 * @param model the model label
 * @param pk the primary key, a {@link Long} or a {@link String}
 * @param instance the serialized entity, null for a delete
 * @param version the entity's version, null when it has none
 */
public record LiveChange(String model, Object pk, JsonNode instance, Long version) {

    /** Whether this change deletes the entity. */
    public boolean isDelete() {
        return instance == null;
    }
}
