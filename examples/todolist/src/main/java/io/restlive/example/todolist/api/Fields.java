package io.restlive.example.todolist.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * Reads the fields of a request body the way a DRF serializer validates them, collecting every error
 * before failing: required unless the request is partial (PATCH), with DRF's messages.
 */
final class Fields {

    private final JsonNode body;
    private final boolean partial;
    private final Map<String, List<String>> errors = new LinkedHashMap<>();

    private Fields(JsonNode body, boolean partial) {
        this.body = body;
        this.partial = partial;
    }

    /** The fields of {@code body}; {@code partial} for PATCH, where every field is optional. */
    static Fields of(JsonNode body, boolean partial) {
        if (body == null || !body.isObject()) {
            String got = body == null ? "null" : body.isArray() ? "list" : body.getNodeType().toString().toLowerCase();
            throw new ValidationFailed(Map.of("non_field_errors", List.of("Invalid data. Expected a dictionary, but got " + got + ".")));
        }
        return new Fields(body, partial);
    }

    /** A required, non-blank text of at most {@code maxLength} characters. */
    Optional<String> text(String name, int maxLength) {
        JsonNode value = present(name, true);
        if (value == null) {
            return Optional.empty();
        }
        if (value.isNull()) {
            return error(name, "This field may not be null.");
        }
        if (!value.isValueNode() || value.isBoolean()) {
            return error(name, "Not a valid string.");
        }
        String text = value.asString().strip();
        if (text.isEmpty()) {
            return error(name, "This field may not be blank.");
        }
        if (text.length() > maxLength) {
            return error(name, "Ensure this field has no more than " + maxLength + " characters.");
        }
        return Optional.of(text);
    }

    /** An optional boolean: {@code true}/{@code false}, {@code "true"}/{@code "false"} or 1/0, as DRF accepts. */
    Optional<Boolean> bool(String name) {
        JsonNode value = present(name, false);
        if (value == null) {
            return Optional.empty();
        }
        if (value.isBoolean()) {
            return Optional.of(value.booleanValue());
        }
        String text = value.isValueNode() ? value.asString().toLowerCase() : "";
        if (List.of("true", "1", "yes", "on").contains(text)) {
            return Optional.of(true);
        }
        if (List.of("false", "0", "no", "off").contains(text)) {
            return Optional.of(false);
        }
        return error(name, "Must be a valid boolean.");
    }

    /** A required primary key of a related object (an integer). */
    Optional<Long> pk(String name) {
        JsonNode value = present(name, true);
        if (value == null) {
            return Optional.empty();
        }
        if (value.isIntegralNumber()) {
            return Optional.of(value.longValue());
        }
        if (value.isString() && value.asString().matches("-?\\d{1,18}")) {
            return Optional.of(Long.parseLong(value.asString()));
        }
        if (value.isNull()) {
            return error(name, "This field may not be null.");
        }
        return error(name, "Incorrect type. Expected pk value, received " + (value.isString() ? "str" : value.getNodeType().toString().toLowerCase()) + ".");
    }

    /** Adds an error found outside this class, e.g. a pk that names no object. */
    void reject(String name, String message) {
        errors.computeIfAbsent(name, n -> new ArrayList<>()).add(message);
    }

    /**
     * Fails with every error collected so far.
     *
     * @throws ValidationFailed if any field was invalid
     */
    void requireValid() {
        if (!errors.isEmpty()) {
            throw new ValidationFailed(errors);
        }
    }

    private JsonNode present(String name, boolean required) {
        JsonNode value = body.get(name);
        if (value == null && required && !partial) {
            reject(name, "This field is required.");
        }
        return value;
    }

    private <T> Optional<T> error(String name, String message) {
        reject(name, message);
        return Optional.empty();
    }
}
