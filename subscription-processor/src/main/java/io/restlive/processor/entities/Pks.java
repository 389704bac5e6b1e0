package io.restlive.processor.entities;

import io.restlive.core.json.Json;
import io.restlive.schemas.EntityKeys;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/** Primary keys as JSON values (an integer or a string), and the entity keys they make. */
public final class Pks {

    private Pks() {
    }

    /** True if {@code pk} is a value an entity may have as its pk: an integer or a string. */
    public static boolean isValid(JsonNode pk) {
        return pk != null && (pk.isIntegralNumber() || pk.isString());
    }

    /**
     * The pk as a Java value {@link EntityKeys} accepts.
     *
     * @throws IllegalArgumentException if it is neither an integer nor a string
     */
    public static Object javaValue(JsonNode pk) {
        if (pk != null && pk.isIntegralNumber()) {
            return pk.canConvertToLong() ? (Object) pk.longValue() : pk.bigIntegerValue();
        }
        if (pk != null && pk.isString()) {
            return pk.asString();
        }
        throw new IllegalArgumentException("pk must be an integer or a string, not " + describe(pk));
    }

    /** The pk's JSON text as it appears in entity keys: {@code 1} or {@code "abc"}. */
    public static String keyText(JsonNode pk) {
        return EntityKeys.pkJson(javaValue(pk));
    }

    /** The entity key {@code <model>|<pk json>}. */
    public static String entityKey(String model, JsonNode pk) {
        return EntityKeys.of(model, javaValue(pk));
    }

    /**
     * The pks a lookup value may mean, like Django's lenient field lookups: {@code "1"} also means the
     * integer 1, and 1 also means the string {@code "1"}. Empty for values that cannot be pks.
     */
    public static List<JsonNode> lenientCandidates(JsonNode value) {
        List<JsonNode> candidates = new ArrayList<>(2);
        if (value == null) {
            return candidates;
        }
        if (value.isIntegralNumber()) {
            candidates.add(value);
            candidates.add(Json.NODES.stringNode(value.bigIntegerValue().toString()));
        } else if (value.isString()) {
            candidates.add(value);
            integerOf(value.asString()).ifPresent(n -> candidates.add(Json.NODES.numberNode(n)));
        }
        return candidates;
    }

    private static Optional<BigInteger> integerOf(String text) {
        String trimmed = text.trim();
        if (!trimmed.matches("[+-]?\\d{1,40}")) {
            return Optional.empty();
        }
        return Optional.of(new BigInteger(trimmed));
    }

    private static String describe(JsonNode node) {
        return node == null || node.isMissingNode() ? "nothing" : node.getNodeType().toString().toLowerCase()
                + " " + Json.write(node);
    }
}
