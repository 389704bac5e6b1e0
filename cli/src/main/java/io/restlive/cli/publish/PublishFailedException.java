package io.restlive.cli.publish;

/** The broker did not take a change: unreachable, missing topic, or no acknowledgement in time. */
public class PublishFailedException extends Exception {

    public PublishFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
