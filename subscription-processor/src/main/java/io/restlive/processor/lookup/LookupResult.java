package io.restlive.processor.lookup;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** The answer to a lookup. */
public sealed interface LookupResult {

    /**
     * The entity: its pk, its last stored fields and their {@link io.restlive.processor.entities.StateDigest}
     * (null when an older instance answered without one).
     */
    record Found(JsonNode pk, ObjectNode instance, String digest) implements LookupResult {
    }

    /** No live entity matches. */
    record NotFound() implements LookupResult {
    }

    /** Kafka Streams is not RUNNING here (starting, rebalancing, restoring). */
    record NotReady() implements LookupResult {
    }

    /** Not found locally, and another instance that might hold it did not answer. */
    record Unavailable(String reason) implements LookupResult {
    }
}
