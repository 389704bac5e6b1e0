package io.restlive.processor.lookup;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** The answer to a lookup. */
public sealed interface LookupResult {

    /**
     * The entity: its pk, its last stored fields, and its revision (the position of its last change in its
     * task, which grows with every change: protocol v2's version).
     */
    record Found(JsonNode pk, ObjectNode instance, long revision) implements LookupResult {
    }

    /** No live entity matches. */
    record NotFound() implements LookupResult {
    }

    /**
     * The instance that must answer cannot yet (starting, restoring, catching up, rebalancing) and did not
     * become able to within the lookup's hold.
     */
    record NotReady(String reason) implements LookupResult {
    }

    /** Not found locally, and another instance that might hold it did not answer. */
    record Unavailable(String reason) implements LookupResult {
    }
}
