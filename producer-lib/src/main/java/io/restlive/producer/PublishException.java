package io.restlive.producer;

/** A change that could not be published, with a machine-readable {@link Reason}. */
public class PublishException extends RuntimeException {

    /** Why a change was not published. */
    public enum Reason {
        /** The change itself is wrong: blank model, a pk that is neither an integer nor a string, no instance. */
        INVALID_CHANGE,
        /** The instance could not be serialized to a JSON object. */
        SERIALIZATION,
        /** The broker refused or failed the send. */
        SEND_FAILED,
        /** The broker did not acknowledge in time. */
        TIMEOUT,
        /** The producer was closed. */
        CLOSED
    }

    private final Reason reason;

    /**
     * @param reason why
     * @param message what, for a person
     * @param cause the underlying failure, or null
     */
    public PublishException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    /** @return why the change was not published */
    public Reason reason() {
        return reason;
    }
}
