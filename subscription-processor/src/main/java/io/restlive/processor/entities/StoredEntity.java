package io.restlive.processor.entities;

import io.restlive.core.views.EntityState;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What the entity store holds for one entity: its last state, or a tombstone that remembers the
 * version of a versioned delete so that a stale upsert arriving later cannot bring the entity back.
 *
 * @param pk the entity's pk
 * @param instance its fields; null for a tombstone
 * @param version the version of the change that produced this entry, or null if it had none
 * @param seq the task's sequence number of the change that produced this entry (0 if stored before
 *     sequence numbers existed): the entity's revision, which grows with every change applied to it
 */
public record StoredEntity(JsonNode pk, ObjectNode instance, Long version, long seq) {

    /** A live entity. */
    public static StoredEntity live(JsonNode pk, ObjectNode instance, Long version, long seq) {
        return new StoredEntity(pk, instance, version, seq);
    }

    /** The marker left by a versioned delete. */
    public static StoredEntity tombstone(JsonNode pk, long version, long seq) {
        return new StoredEntity(pk, null, version, seq);
    }

    /** True if the entity was deleted (only versioned deletes leave a tombstone). */
    public boolean isTombstone() {
        return instance == null;
    }

    /**
     * True if a change with {@code changeVersion} is stale or a duplicate: both versions are known and
     * the change's is not greater.
     */
    public boolean supersedes(Long changeVersion) {
        return version != null && changeVersion != null && changeVersion <= version;
    }

    /** The same entry without its version, so that any later version is accepted (a version reset). */
    public StoredEntity withoutVersion() {
        return new StoredEntity(pk, instance, null, seq);
    }

    /** The entity as views evaluate it; null for a tombstone. */
    public EntityState toState() {
        return isTombstone() ? null : new EntityState(pk, instance);
    }
}
