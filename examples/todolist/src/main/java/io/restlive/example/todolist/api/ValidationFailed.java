package io.restlive.example.todolist.api;

import java.util.List;
import java.util.Map;

/** A request body the API refuses, with DRF-style errors: field name to messages. */
public final class ValidationFailed extends RuntimeException {

    private final Map<String, List<String>> errors;

    public ValidationFailed(Map<String, List<String>> errors) {
        super(errors.toString(), null, false, false);
        this.errors = Map.copyOf(errors);
    }

    public Map<String, List<String>> errors() {
        return errors;
    }
}
