package io.restlive.processor.decode;

/**
 * The schema registry could not be reached. Thrown out of the topology on purpose: the stream thread stops
 * before the record's offset is committed, the instance restarts (the uncaught-exception handler), and the
 * record is decoded again then, instead of being dead-lettered for a fault that is not its own.
 */
public final class RegistryUnavailableException extends RuntimeException {

    public RegistryUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
