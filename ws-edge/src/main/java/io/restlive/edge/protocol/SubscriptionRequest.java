package io.restlive.edge.protocol;

import io.restlive.core.views.View;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What a subscribe asked, resolved: enough to work out its group again for another user.
 *
 * @param view the view of its model on its endpoint
 * @param action {@code list} or {@code retrieve}
 * @param targetPk the instance a retrieve follows; null for a list
 * @param kwargs its {@code view_kwargs}
 * @param params its normalized {@code query_params}
 */
public record SubscriptionRequest(View view, String action, JsonNode targetPk, ObjectNode kwargs, ObjectNode params) {
}
