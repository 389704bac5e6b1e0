package io.restlive.core.views;

import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** The key style of broadcast instances: as the entity has them, or camelCase like DRF's CamelCaseJSONRenderer. */
public enum Naming {
    /** Keys exactly as in the entity and the computed fields. */
    AS_IS("as-is"),
    /** {@code text_length} becomes {@code textLength}, at every level of the instance. */
    CAMEL_CASE("camelCase");

    private final String yamlName;

    Naming(String yamlName) {
        this.yamlName = yamlName;
    }

    /** The spelling used in the views file. */
    public String yamlName() {
        return yamlName;
    }

    /** The naming spelled {@code name} in a views file, or null. */
    static Naming fromYaml(String name) {
        for (Naming naming : values()) {
            if (naming.yamlName.equals(name)) {
                return naming;
            }
        }
        return null;
    }

    /** One key in this style. */
    public String key(String key) {
        if (this == AS_IS || key.indexOf('_') < 0) {
            return key;
        }
        StringBuilder out = new StringBuilder(key.length());
        boolean upperNext = false;
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c == '_' && out.length() > 0) {
                upperNext = true;
            } else {
                out.append(upperNext ? Character.toUpperCase(c) : c);
                upperNext = false;
            }
        }
        return out.toString();
    }

    /** A value with every object key, at every level, in this style. */
    public JsonNode apply(JsonNode value) {
        if (this == AS_IS) {
            return value;
        }
        if (value instanceof ObjectNode object) {
            ObjectNode out = object.objectNode();
            for (Map.Entry<String, JsonNode> entry : object.properties()) {
                out.set(key(entry.getKey()), apply(entry.getValue()));
            }
            return out;
        }
        if (value instanceof ArrayNode array) {
            ArrayNode out = array.arrayNode();
            array.forEach(item -> out.add(apply(item)));
            return out;
        }
        return value;
    }
}
