package io.restlive.example.todolist.api;

/** No object of the requested kind has the requested id. */
public final class NotFound extends RuntimeException {

    public NotFound(String model) {
        super("No " + model + " matches the given query.", null, false, false);
    }
}
