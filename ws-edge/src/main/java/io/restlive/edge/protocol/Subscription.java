package io.restlive.edge.protocol;

import tools.jackson.databind.JsonNode;

/**
 * One live subscription of one connection.
 *
 * @param id the client's id, echoed verbatim in broadcasts
 * @param idJson that id as JSON text, built once
 * @param sequence order of subscription on its connection, so one change's frames go out in that order
 * @param groupKey the group it belongs to
 * @param request what the client asked, to check it again when a v2 client refreshes its token; null in tests
 *     of other things
 */
public record Subscription(JsonNode id, String idJson, long sequence, String groupKey, SubscriptionRequest request) {

    /** A subscription without its request, for tests of delivery. */
    public Subscription(JsonNode id, String idJson, long sequence, String groupKey) {
        this(id, idJson, sequence, groupKey, null);
    }

    /** The same subscription in another group (its user's claims changed). */
    Subscription movedTo(String otherGroupKey) {
        return new Subscription(id, idJson, sequence, otherGroupKey, request);
    }
}
