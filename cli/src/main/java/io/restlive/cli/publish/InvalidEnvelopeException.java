package io.restlive.cli.publish;

/** A change envelope given to {@code publish} is not valid; the message names the field and the problem. */
public class InvalidEnvelopeException extends Exception {

    public InvalidEnvelopeException(String message) {
        super(message);
    }
}
