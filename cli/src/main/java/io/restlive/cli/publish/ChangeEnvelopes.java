package io.restlive.cli.publish;

import io.restlive.core.json.Json;
import io.restlive.schemas.EntityKeys;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Checks a JSON change envelope before it is published, so that a mistake is reported to the person who
 * made it instead of landing in the dead-letter topic.
 *
 * <p>Valid: an object with a non-blank string {@code model}; {@code pk} an integer or a string; {@code op}
 * {@code UPSERT} (the default) or {@code DELETE}; {@code instance} an object for UPSERT and absent or null for
 * DELETE; {@code version} and {@code ts} integers when present ({@code ts} defaults to now). Unknown fields
 * are rejected, because a misspelt {@code instance} would otherwise become a confusing error downstream.
 */
public final class ChangeEnvelopes {

    private static final List<String> FIELDS = List.of("model", "pk", "op", "instance", "version", "ts");
    private static final Set<String> OPS = Set.of("UPSERT", "DELETE");

    private ChangeEnvelopes() {
    }

    /**
     * Validates {@code json} and fills in the defaults.
     *
     * @param now the time used when {@code ts} is absent
     * @throws InvalidEnvelopeException naming the first problem found
     */
    public static ChangeRecord validate(String json, Instant now) throws InvalidEnvelopeException {
        ObjectNode envelope = parseObject(json);
        for (String field : envelope.propertyNames()) {
            if (!FIELDS.contains(field)) {
                throw new InvalidEnvelopeException("unknown field '" + field + "' (allowed: " + String.join(", ", FIELDS) + ")");
            }
        }
        String model = model(envelope.get("model"));
        Object pk = pk(envelope.get("pk"));
        String op = op(envelope.get("op"));
        JsonNode instance = envelope.get("instance");
        if (op.equals("UPSERT") && !(instance instanceof ObjectNode)) {
            throw new InvalidEnvelopeException("an UPSERT needs 'instance': the entity's full state as a JSON object"
                    + (instance == null ? "" : ", not " + describe(instance)));
        }
        if (op.equals("DELETE") && instance != null && !instance.isNull()) {
            throw new InvalidEnvelopeException("a DELETE carries no 'instance' (leave it out or set it to null)");
        }
        optionalInteger(envelope, "version");
        optionalInteger(envelope, "ts");
        envelope.put("op", op);
        if (envelope.get("ts") == null || envelope.get("ts").isNull()) {
            envelope.put("ts", now.toEpochMilli());
        }
        return new ChangeRecord(EntityKeys.of(model, pk), Json.write(envelope));
    }

    private static ObjectNode parseObject(String json) throws InvalidEnvelopeException {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(json);
        } catch (JacksonException e) {
            throw new InvalidEnvelopeException("not valid JSON: " + e.getOriginalMessage());
        }
        if (root == null || root.isMissingNode()) {
            throw new InvalidEnvelopeException("the envelope is empty; expected a JSON object like "
                    + "{\"model\":\"todolist.Task\",\"pk\":1,\"instance\":{\"id\":1}}");
        }
        if (!(root instanceof ObjectNode object)) {
            throw new InvalidEnvelopeException("the envelope must be a JSON object, not " + describe(root));
        }
        return object;
    }

    private static String model(JsonNode model) throws InvalidEnvelopeException {
        if (model == null || !model.isString() || model.asString().isBlank()) {
            throw new InvalidEnvelopeException("'model' must be a non-blank string like \"todolist.Task\""
                    + (model == null ? " (it is missing)" : ", not " + describe(model)));
        }
        return model.asString();
    }

    private static Object pk(JsonNode pk) throws InvalidEnvelopeException {
        if (pk != null && pk.isIntegralNumber()) {
            return pk.canConvertToLong() ? (Object) pk.longValue() : pk.bigIntegerValue();
        }
        if (pk != null && pk.isString()) {
            return pk.asString();
        }
        throw new InvalidEnvelopeException("'pk' must be an integer or a string"
                + (pk == null ? " (it is missing)" : ", not " + describe(pk)));
    }

    private static String op(JsonNode op) throws InvalidEnvelopeException {
        if (op == null || op.isNull()) {
            return "UPSERT";
        }
        if (!op.isString() || !OPS.contains(op.asString())) {
            throw new InvalidEnvelopeException("'op' must be \"UPSERT\" or \"DELETE\", not " + describe(op));
        }
        return op.asString();
    }

    private static void optionalInteger(ObjectNode envelope, String field) throws InvalidEnvelopeException {
        JsonNode value = envelope.get(field);
        if (value != null && !value.isNull() && !(value.isIntegralNumber() && value.canConvertToLong())) {
            throw new InvalidEnvelopeException("'" + field + "' must be an integer, not " + describe(value));
        }
    }

    private static String describe(JsonNode node) {
        String text = Json.write(node);
        return node.getNodeType().name().toLowerCase(java.util.Locale.ROOT) + " " + (text.length() > 60 ? text.substring(0, 57) + "..." : text);
    }
}
