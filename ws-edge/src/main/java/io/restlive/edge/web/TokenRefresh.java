package io.restlive.edge.web;

import io.restlive.core.json.Json;
import io.restlive.edge.auth.AuthenticatedUser;
import io.restlive.edge.auth.TokenAuthenticator;
import io.restlive.edge.metrics.EdgeMetrics;
import io.restlive.edge.protocol.Connection;
import io.restlive.edge.protocol.Frames;
import io.restlive.edge.protocol.SubscriptionProtocol;
import java.util.Locale;
import java.util.Objects;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Protocol v2's {@code {"type":"auth","token":..}}: a fresh token for an open connection, checked like a
 * handshake's, for the same {@code sub}. Accepted, it replaces the connection's user (its subscriptions are
 * checked again) and expiry, and is answered {@code authenticated}; refused, it is answered with a 401 error and
 * the old token stays in force until it expires.
 */
final class TokenRefresh {

    private final TokenAuthenticator authenticator;
    private final SubscriptionProtocol protocol;
    private final EdgeMetrics metrics;

    TokenRefresh(TokenAuthenticator authenticator, SubscriptionProtocol protocol, EdgeMetrics metrics) {
        this.authenticator = authenticator;
        this.protocol = protocol;
        this.metrics = metrics;
    }

    /**
     * The frame as an {@code auth} message, parsed once; null for anything else (which the protocol handles).
     * A cheap test first: only frames that may be one are parsed here.
     */
    static ObjectNode authMessage(String text) {
        if (!text.contains("\"auth\"")) {
            return null;
        }
        try {
            JsonNode message = Json.parse(text);
            JsonNode type = message.get("type");
            return message instanceof ObjectNode object && type != null && type.isString()
                    && type.asString().equals("auth") ? object : null;
        } catch (RuntimeException e) {
            return null;
        }
    }

    void refresh(Connection connection, ConnectionExpiry expiry, ObjectNode message) {
        JsonNode token = message.get("token");
        if (token == null || !token.isString() || token.asString().isBlank()) {
            connection.send(Frames.error(null, 400, "`token` must be a non-empty string."));
            return;
        }
        if (authenticator == null) {
            connection.send(Frames.error(null, 401, "Token refresh is not configured on this edge."));
            return;
        }
        AuthenticatedUser fresh;
        try {
            fresh = authenticator.authenticate(token.asString());
        } catch (TokenAuthenticator.InvalidTokenException e) {
            metrics.authFailed(e.reason());
            connection.send(Frames.error(null, 401, "Token refused: "
                    + e.reason().name().toLowerCase(Locale.ROOT).replace('_', ' ') + "."));
            return;
        }
        if (!fresh.user().authenticated() || fresh.user().id() == null
                || !Objects.equals(fresh.user().id(), connection.user().id())) {
            connection.send(Frames.error(null, 401, "The new token must name the same `sub` as the connection's."));
            return;
        }
        protocol.reauthenticate(connection, fresh.user());
        fresh.expiry().ifPresentOrElse(expiry::expireAt, expiry::never);
        connection.send(Frames.authenticated(fresh.expiry().map(java.time.Instant::getEpochSecond).orElse(null)));
    }
}
