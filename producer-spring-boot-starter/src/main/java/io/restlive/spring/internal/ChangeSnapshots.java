package io.restlive.spring.internal;

import org.hibernate.persister.entity.EntityPersister;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns pending changes into published ones: the entity serialized by the app's own {@link JsonMapper}
 * (so {@code @JsonIgnore}, {@code @JsonProperty} and the app's mapper settings apply, exactly as in its REST
 * API), and its version read from the JPA {@code @Version} attribute.
 */
public final class ChangeSnapshots {

    private final JsonMapper mapper;

    public ChangeSnapshots(JsonMapper mapper) {
        this.mapper = mapper;
    }

    /** The change as it will be published, with the entity's current state. */
    public LiveChange snapshot(PendingChange change) {
        Long version = change.entity() == null ? null : version(change.persister(), change.entity());
        if (change.delete()) {
            // A delete leaves the version where the last update put it; one more keeps it ahead of that update.
            return new LiveChange(change.model(), change.pk(), null, version == null ? null : version + 1);
        }
        JsonNode instance = mapper.valueToTree(change.entity());
        if (!instance.isObject()) {
            throw new IllegalStateException(change.model() + " " + change.pk() + " serializes to " + instance.getNodeType()
                    + ", not to a JSON object; rest-live instances must be objects");
        }
        return new LiveChange(change.model(), change.pk(), instance, version);
    }

    private static Long version(EntityPersister persister, Object entity) {
        return persister.isVersioned() ? LiveEntities.version(persister.getVersion(entity)) : null;
    }
}
