package io.restlive.processor.lookup;

/** A lookup request with a missing or malformed parameter; answered with 400. */
public final class BadLookupException extends Exception {

    /** @param message which parameter and what is expected */
    public BadLookupException(String message) {
        super(message);
    }
}
