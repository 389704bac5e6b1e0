package io.restlive.edge.auth;

import io.restlive.core.cel.CelValues;
import io.restlive.core.json.Json;
import io.restlive.core.views.LiveUser;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.node.ObjectNode;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

/**
 * Turns the token of a WebSocket handshake into the user view expressions see. No token is an
 * anonymous user; a bad or expired token is an error, never an anonymous user.
 */
public final class TokenAuthenticator {

    /** A token was presented but cannot be trusted. */
    public static final class InvalidTokenException extends Exception {
        public InvalidTokenException(String message) {
            super(message);
        }
    }

    private final JwtDecoder decoder;

    /** @param decoder validates signatures and timestamps; null when no key is configured */
    public TokenAuthenticator(JwtDecoder decoder) {
        this.decoder = decoder;
    }

    /**
     * The user for a token.
     *
     * @param token the raw token, or null when none was presented
     * @throws InvalidTokenException if a token was presented and does not validate
     */
    public LiveUser authenticate(String token) throws InvalidTokenException {
        if (token == null || token.isBlank()) {
            return LiveUser.ANONYMOUS;
        }
        if (decoder == null) {
            throw new InvalidTokenException("no token validation is configured on this edge");
        }
        Jwt jwt;
        try {
            jwt = decoder.decode(token);
        } catch (JwtException e) {
            throw new InvalidTokenException(e.getMessage());
        }
        String name = jwt.getClaimAsString("name");
        if (name == null) {
            name = jwt.getClaimAsString("preferred_username");
        }
        return new LiveUser(true, jwt.getSubject(), name, roles(jwt), claims(jwt.getClaims()));
    }

    private static List<String> roles(Jwt jwt) {
        Object roles = jwt.getClaims().get("roles");
        List<String> out = new ArrayList<>();
        if (roles instanceof Collection<?> list) {
            list.forEach(role -> out.add(String.valueOf(role)));
        } else if (jwt.getClaimAsString("scope") != null) {
            out.addAll(List.of(jwt.getClaimAsString("scope").trim().split("\\s+")));
        }
        return out;
    }

    private static ObjectNode claims(Map<String, Object> claims) {
        ObjectNode out = Json.NODES.objectNode();
        // Timestamps become epoch seconds, as they are in the token itself.
        claims.forEach((key, value) -> out.set(key, value instanceof Instant instant
                ? Json.NODES.numberNode(instant.getEpochSecond())
                : CelValues.toJson(value instanceof java.net.URL url ? url.toString() : value)));
        return out;
    }
}
