package io.restlive.core.views;

import io.restlive.core.json.Json;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Normalizes a subscription's {@code query_params} the way a URL query string would carry them:
 * every value a string, a JSON array a repeated parameter (a list of strings).
 */
public final class QueryParams {

    private QueryParams() {
    }

    /**
     * The normalized parameters: {@code {"n": 3, "active": true, "tag": ["a", 1]}} becomes
     * {@code {"n": "3", "active": "true", "tag": ["a", "1"]}}; an object value becomes its JSON text.
     *
     * @throws IllegalArgumentException naming the key, if a value (or an item of a list) is null
     */
    public static ObjectNode normalize(ObjectNode params) {
        ObjectNode out = Json.NODES.objectNode();
        for (Map.Entry<String, JsonNode> entry : params.properties()) {
            JsonNode value = entry.getValue();
            if (value instanceof ArrayNode list) {
                ArrayNode strings = out.putArray(entry.getKey());
                for (JsonNode item : list) {
                    strings.add(text(entry.getKey(), item));
                }
            } else {
                out.put(entry.getKey(), text(entry.getKey(), value));
            }
        }
        return out;
    }

    private static String text(String key, JsonNode value) {
        if (value == null || value.isNull()) {
            throw new IllegalArgumentException("query_params value for '" + key + "' is null");
        }
        return value.isString() ? value.asString() : Json.write(value);
    }
}
