package io.restlive.processor.lookup;

/** The local stores cannot be queried right now (Streams stopped, or is rebalancing or restoring). */
public final class StoresNotReadyException extends RuntimeException {

    /** @param reason what made the query fail */
    public StoresNotReadyException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
