package io.restlive.processor.decode;

import io.restlive.core.json.Json;
import io.restlive.processor.entities.Pks;
import io.restlive.schemas.ChangeOp;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The JSON envelope any Kafka client can write:
 * {@code {"model":"todolist.Task","pk":1,"op":"UPSERT","instance":{...},"version":3,"ts":1700000000000}}.
 *
 * <p>{@code op} is {@code UPSERT} or {@code DELETE} exactly (absent means UPSERT), {@code version} defaults
 * to none and {@code ts} to the record's timestamp.
 * Fields it does not know are ignored, so producers may add their own.
 */
final class JsonChangeDecoder implements ChangeDecoder {

    @Override
    public String name() {
        return "json";
    }

    @Override
    public boolean accepts(byte[] value) {
        for (byte b : value) {
            if (b == '{') {
                return true;
            }
            if (b != ' ' && b != '\t' && b != '\n' && b != '\r') {
                return false;
            }
        }
        return false;
    }

    @Override
    public ChangeEvent decode(byte[] value, long recordTimestamp) throws InvalidChangeException {
        ObjectNode envelope = parse(value);
        JsonNode modelNode = envelope.get("model");
        if (modelNode == null || !modelNode.isString() || modelNode.asString().isBlank()) {
            throw new InvalidChangeException("missing or blank 'model'");
        }
        String model = modelNode.asString();
        JsonNode pk = envelope.get("pk");
        if (!Pks.isValid(pk)) {
            throw new InvalidChangeException("'pk' must be an integer or a string");
        }
        ChangeOp op = op(envelope.get("op"));
        ObjectNode instance = op == ChangeOp.UPSERT ? instance(envelope.get("instance")) : null;
        Long version = optionalLong(envelope.get("version"), "version");
        Long ts = optionalLong(envelope.get("ts"), "ts");
        return new ChangeEvent(model, pk, Pks.entityKey(model, pk), op, instance, version,
                ts == null ? recordTimestamp : ts, value);
    }

    private static ObjectNode parse(byte[] value) throws InvalidChangeException {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(value);
        } catch (JacksonException e) {
            throw new InvalidChangeException("not valid JSON: " + e.getOriginalMessage(), e);
        }
        if (!(root instanceof ObjectNode object)) {
            throw new InvalidChangeException("the JSON envelope must be an object");
        }
        return object;
    }

    private static ChangeOp op(JsonNode op) throws InvalidChangeException {
        if (op == null || op.isNull()) {
            return ChangeOp.UPSERT;
        }
        // Exactly the schema's symbols, as an Avro envelope would have them: "upsert" is a mistake to report,
        // not a spelling to guess.
        String name = op.isString() ? op.asString() : "";
        return switch (name) {
            case "UPSERT" -> ChangeOp.UPSERT;
            case "DELETE" -> ChangeOp.DELETE;
            default -> throw new InvalidChangeException("unknown 'op' " + Json.write(op)
                    + " (the schema's symbols are UPSERT and DELETE, in upper case)");
        };
    }

    /** An object, or JSON object text in a string (as the Avro envelope carries it). */
    private static ObjectNode instance(JsonNode instance) throws InvalidChangeException {
        if (instance instanceof ObjectNode object) {
            return object;
        }
        if (instance != null && instance.isString()) {
            try {
                return Json.parseObject(instance.asString());
            } catch (IllegalArgumentException e) {
                throw new InvalidChangeException("'instance' is not a JSON object: " + e.getMessage(), e);
            }
        }
        throw new InvalidChangeException("UPSERT without an object 'instance'");
    }

    private static Long optionalLong(JsonNode node, String field) throws InvalidChangeException {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isIntegralNumber() || !node.canConvertToLong()) {
            throw new InvalidChangeException("'" + field + "' must be an integer");
        }
        return node.longValue();
    }
}
