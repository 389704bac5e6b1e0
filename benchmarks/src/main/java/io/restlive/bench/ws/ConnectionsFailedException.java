package io.restlive.bench.ws;

/** Some of the connections a scenario asked for could not be opened; the message says how many and why. */
public class ConnectionsFailedException extends RuntimeException {

    public ConnectionsFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
