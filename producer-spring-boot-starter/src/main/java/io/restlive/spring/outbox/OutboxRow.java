package io.restlive.spring.outbox;

/**
 * One row of {@code rest_live_outbox}: a committed change waiting to be sent.
 *
 * @param id the row id, growing in commit order for any one entity
 * @param model the model label
 * @param pkJson the pk as JSON text ({@code 1} or {@code "urgent"})
 * @param instanceJson the entity as JSON object text, null for a delete
 * @param version the entity's version, null when it has none (the row id then stands in)
 */
public record OutboxRow(long id, String model, String pkJson, String instanceJson, Long version) {

    /** Whether the row deletes the entity. */
    public boolean isDelete() {
        return instanceJson == null;
    }

    /** The version the change is published with: the entity's, or the row id when it has none. */
    public long effectiveVersion() {
        return version != null ? version : id;
    }
}
