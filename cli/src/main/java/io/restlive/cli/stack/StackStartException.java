package io.restlive.cli.stack;

/** A process of the local stack could not start or did not become ready; the message holds its log tail. */
public class StackStartException extends RuntimeException {

    private final String processName;

    public StackStartException(String processName, String message) {
        super(message);
        this.processName = processName;
    }

    /** The process that failed: {@code broker}, {@code processor}, {@code edge-1}, ... */
    public String processName() {
        return processName;
    }
}
