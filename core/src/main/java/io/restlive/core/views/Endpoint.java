package io.restlive.core.views;

import java.util.Map;
import java.util.Optional;

/**
 * A WebSocket path that edges serve, with the views clients may subscribe to there (at most one view
 * per model, as in django-rest-live's router).
 *
 * @param path the URL path, e.g. {@code /ws/subscribe/}
 * @param isPublic false: a handshake without a valid token is closed with code 4003
 * @param viewsByModel the endpoint's views, by the model label clients send
 */
public record Endpoint(String path, boolean isPublic, Map<String, View> viewsByModel) {

    public Endpoint {
        viewsByModel = Map.copyOf(viewsByModel);
    }

    /** The view registered for {@code model} on this endpoint. */
    public Optional<View> viewFor(String model) {
        return Optional.ofNullable(viewsByModel.get(model));
    }
}
