package io.restlive.core.cel;

import com.google.common.primitives.UnsignedLong;
import dev.cel.common.values.NullValue;
import io.restlive.core.json.Json;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Converts between JSON values (entities, kwargs, claims) and the Java values CEL evaluates over. */
public final class CelValues {

    private CelValues() {
    }

    /** A JSON value as a CEL value: maps, lists, int (Long), double, string, bool, null. */
    public static Object fromJson(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return NullValue.NULL_VALUE;
        }
        if (node instanceof ObjectNode object) {
            return fromJsonObject(object);
        }
        if (node instanceof ArrayNode array) {
            List<Object> items = new ArrayList<>(array.size());
            array.forEach(item -> items.add(fromJson(item)));
            return Collections.unmodifiableList(items);
        }
        if (node.isIntegralNumber()) {
            // CEL ints are 64-bit; a larger integer is only comparable as a double.
            return node.canConvertToLong() ? (Object) node.longValue() : (Object) node.doubleValue();
        }
        if (node.isNumber()) {
            return node.doubleValue();
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        return node.asString();
    }

    /** A JSON object as a CEL map. */
    public static Map<String, Object> fromJsonObject(ObjectNode object) {
        Map<String, Object> map = new LinkedHashMap<>(object.size() * 2);
        for (Map.Entry<String, JsonNode> entry : object.properties()) {
            map.put(entry.getKey(), fromJson(entry.getValue()));
        }
        return Collections.unmodifiableMap(map);
    }

    /** A CEL result as JSON, for computed fields. */
    public static JsonNode toJson(Object value) {
        if (value == null || value instanceof NullValue || value instanceof com.google.protobuf.NullValue) {
            return Json.NODES.nullNode();
        }
        if (value instanceof Boolean b) {
            return Json.NODES.booleanNode(b);
        }
        if (value instanceof Long || value instanceof Integer) {
            return Json.NODES.numberNode(((Number) value).longValue());
        }
        if (value instanceof UnsignedLong u) {
            return Json.NODES.numberNode(u.bigIntegerValue());
        }
        if (value instanceof Double || value instanceof Float) {
            return Json.NODES.numberNode(((Number) value).doubleValue());
        }
        if (value instanceof Map<?, ?> map) {
            ObjectNode object = Json.NODES.objectNode();
            map.forEach((k, v) -> object.set(String.valueOf(k), toJson(v)));
            return object;
        }
        if (value instanceof Iterable<?> items) {
            ArrayNode array = Json.NODES.arrayNode();
            items.forEach(item -> array.add(toJson(item)));
            return array;
        }
        return Json.NODES.stringNode(String.valueOf(value));
    }

    /**
     * The value used to match an equality index: integral doubles become longs, so that
     * {@code instance.list == double(kwargs.list)} and an int field meet on one key.
     */
    public static Object indexKey(Object value) {
        if (value instanceof Double d && d == Math.rint(d) && !Double.isInfinite(d)
                && Math.abs(d) < 0x1p53) {
            return d.longValue();
        }
        if (value instanceof Integer i) {
            return i.longValue();
        }
        return value;
    }
}
