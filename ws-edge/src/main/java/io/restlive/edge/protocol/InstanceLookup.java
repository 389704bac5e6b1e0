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
     * @param version its revision (protocol v2's version), 0 if unknown
     * @param key its pk as the processor's frames name it; null if unknown
     */
    record Found(EntityState state, long version, String key) {

        /** An instance without revision, for tests of other things. */
        public Found(EntityState state) {
            this(state, 0, null);
        }
    }

    /** The processor could not be reached or is not ready. */
    final class LookupUnavailableException extends Exception {
        public LookupUnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
