package io.restlive.core.views;

import io.restlive.core.cel.CelValues;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One entity's state at one moment (its pk and its fields), converted to CEL values once so that
 * every group evaluated against it reuses the conversion.
 */
public final class EntityState {

    private final JsonNode pk;
    private final ObjectNode instance;
    private final Object celPk;
    private final Map<String, Object> celInstance;

    /**
     * @param pk the entity's primary key (a JSON number or string)
     * @param instance its fields
     */
    public EntityState(JsonNode pk, ObjectNode instance) {
        this.pk = pk;
        this.instance = instance;
        this.celPk = CelValues.fromJson(pk);
        this.celInstance = CelValues.fromJsonObject(instance);
    }

    public JsonNode pk() {
        return pk;
    }

    public ObjectNode instance() {
        return instance;
    }

    Object celPk() {
        return celPk;
    }

    Map<String, Object> celInstance() {
        return celInstance;
    }
}
