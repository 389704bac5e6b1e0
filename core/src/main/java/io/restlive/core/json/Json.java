package io.restlive.core.json;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** The one JSON mapper of the engine, and canonical JSON text for values that name things (group keys). */
public final class Json {

    /** Thread-safe and immutable; shared by every component. */
    public static final JsonMapper MAPPER = JsonMapper.builder().build();
    /** Factory for building nodes. */
    public static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private Json() {
    }

    /**
     * Parses JSON text.
     *
     * @throws IllegalArgumentException with the parser's reason if the text is not JSON
     */
    public static JsonNode parse(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (JacksonException e) {
            throw new IllegalArgumentException(e.getOriginalMessage(), e);
        }
    }

    /** Parses text that must hold a JSON object. */
    public static ObjectNode parseObject(String text) {
        JsonNode node = parse(text);
        if (!(node instanceof ObjectNode object)) {
            throw new IllegalArgumentException("expected a JSON object, got " + node.getNodeType());
        }
        return object;
    }

    /** Compact JSON text of a node. */
    public static String write(JsonNode node) {
        return MAPPER.writeValueAsString(node);
    }

    /** JSON text with object keys sorted at every level, so equal values always give equal text. */
    public static String canonical(JsonNode node) {
        return write(sorted(node));
    }

    private static JsonNode sorted(JsonNode node) {
        if (node instanceof ObjectNode object) {
            Map<String, JsonNode> entries = new TreeMap<>();
            for (Map.Entry<String, JsonNode> entry : object.properties()) {
                entries.put(entry.getKey(), sorted(entry.getValue()));
            }
            ObjectNode out = NODES.objectNode();
            entries.forEach(out::set);
            return out;
        }
        if (node instanceof ArrayNode array) {
            List<JsonNode> items = new ArrayList<>(array.size());
            array.forEach(item -> items.add(sorted(item)));
            return NODES.arrayNode().addAll(items);
        }
        return node;
    }
}
