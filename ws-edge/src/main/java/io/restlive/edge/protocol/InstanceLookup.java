package io.restlive.edge.protocol;

import io.restlive.core.views.EntityState;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/** Finds the instance a retrieve subscription names, in the processor's entity store. */
public interface InstanceLookup {

    /**
     * The current state of the instance of {@code model} whose {@code field} equals {@code value}.
     *
     * @throws LookupUnavailableException if the processor cannot answer
     */
    Optional<Found> find(String model, String field, JsonNode value) throws LookupUnavailableException;

    /**
     * An instance as the processor stores it.
     *
     * @param state its pk and fields
     * @param digest the processor's digest of that state, handed back with the subscriber's join so the
     *     processor can tell whether the subscriber missed a change; null from a processor without digests
     */
    record Found(EntityState state, String digest) {
    }

    /** The processor could not be reached or is not ready. */
    final class LookupUnavailableException extends Exception {
        public LookupUnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
