package io.restlive.processor.decode;

/** A record on the changes topic that cannot be used; its message is the dead-letter reason. */
public final class InvalidChangeException extends Exception {

    /** @param reason why the record was rejected, written to the {@code rest-live.dlt.reason} header */
    public InvalidChangeException(String reason) {
        super(reason);
    }

    /** @param reason why the record was rejected, written to the {@code rest-live.dlt.reason} header */
    public InvalidChangeException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
