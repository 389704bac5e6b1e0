package io.restlive.processor.lookup;

import io.restlive.core.json.Json;
import tools.jackson.databind.JsonNode;

/**
 * A parsed lookup: the entity of {@code model} whose {@code field} equals {@code value}.
 *
 * @param model the model label
 * @param field {@code pk} or an instance field
 * @param value a JSON scalar
 */
public record LookupQuery(String model, String field, JsonNode value) {

    /** The field that means the entity's pk. */
    public static final String PK = "pk";

    /**
     * Parses the request parameters.
     *
     * @throws BadLookupException naming the parameter that is missing or wrong
     */
    public static LookupQuery parse(String model, String field, String valueJson) throws BadLookupException {
        if (model == null || !model.matches("[A-Za-z_][A-Za-z0-9_]*\\.[A-Za-z_][A-Za-z0-9_]*")) {
            throw new BadLookupException("'model' must be a model label like todolist.Task");
        }
        if (field == null || field.isBlank()) {
            throw new BadLookupException("'field' is required: 'pk' or an instance field");
        }
        if (valueJson == null) {
            throw new BadLookupException("'value' is required, as JSON (1 or \"abc\")");
        }
        JsonNode value;
        try {
            value = Json.parse(valueJson);
        } catch (IllegalArgumentException e) {
            throw new BadLookupException("'value' must be JSON (1 or \"abc\"): " + e.getMessage());
        }
        if (value == null || value.isMissingNode() || value.isNull() || value.isContainer()) {
            throw new BadLookupException("'value' must be a JSON number, string or boolean");
        }
        return new LookupQuery(model, field, value);
    }

    public boolean byPk() {
        return PK.equals(field);
    }

    /** The value as request-parameter JSON, for forwarding. */
    public String valueJson() {
        return Json.write(value);
    }
}
