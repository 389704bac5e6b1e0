package io.restlive.edge.protocol;

import tools.jackson.databind.JsonNode;

/**
 * One live subscription of one connection.
 *
 * @param id the client's id, echoed verbatim in broadcasts
 * @param idJson that id as JSON text, built once
 * @param sequence order of subscription on its connection, so one change's frames go out in that order
 * @param groupKey the group it belongs to
 */
public record Subscription(JsonNode id, String idJson, long sequence, String groupKey) {
}
