package io.restlive.edge.auth;

import io.restlive.core.cel.CelValues;
import io.restlive.core.json.Json;
import io.restlive.core.views.LiveUser;
import io.restlive.edge.metrics.EdgeMetrics.AuthFailure;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns the token of a WebSocket handshake into the user view expressions see. No token is an
 * anonymous user; a bad or expired token is an error with a reason, never an anonymous user.
 */
public final class TokenAuthenticator {

    /** A token was presented but cannot be trusted. */
    public static final class InvalidTokenException extends Exception {

        private final AuthFailure reason;

        public InvalidTokenException(AuthFailure reason, String message) {
            super(message, null, false, false);
            this.reason = reason;
        }

        /** Why, as the {@code reason} tag of {@code restlive.edge.auth.failures}. */
        public AuthFailure reason() {
            return reason;
        }
    }

    private final JwtDecoder decoder;
    private final Duration clockSkew;

    /** @param decoder validates signatures and claims; null when no key is configured */
    public TokenAuthenticator(JwtDecoder decoder) {
        this(decoder, Duration.ZERO);
    }

    /**
     * @param decoder validates signatures and claims ({@link TokenPolicy#validator()}); null when no key is
     *     configured
     * @param clockSkew added to a token's {@code exp} for the connection's expiry, as the decoder allows it
     */
    public TokenAuthenticator(JwtDecoder decoder, Duration clockSkew) {
        this.decoder = decoder;
        this.clockSkew = clockSkew;
    }

    /**
     * The user for a token, and when its connection expires.
     *
     * @param token the raw token, or null when none was presented
     * @throws InvalidTokenException if a token was presented and does not validate
     */
    public AuthenticatedUser authenticate(String token) throws InvalidTokenException {
        if (token == null || token.isBlank()) {
            return AuthenticatedUser.ANONYMOUS;
        }
        if (decoder == null) {
            throw new InvalidTokenException(AuthFailure.NOT_CONFIGURED, "no token validation is configured on this edge");
        }
        Jwt jwt = decode(token);
        String name = jwt.getClaimAsString("name");
        if (name == null) {
            name = jwt.getClaimAsString("preferred_username");
        }
        String subject = jwt.getSubject() == null || jwt.getSubject().isBlank() ? null : jwt.getSubject();
        LiveUser user = new LiveUser(true, subject, name, roles(jwt), claims(jwt.getClaims()));
        return new AuthenticatedUser(user, jwt.getExpiresAt() == null ? null : jwt.getExpiresAt().plus(clockSkew));
    }

    private Jwt decode(String token) throws InvalidTokenException {
        try {
            return decoder.decode(token);
        } catch (JwtValidationException e) {
            AuthFailure reason = e.getErrors().stream().findFirst().map(TokenPolicy::reasonOf).orElse(AuthFailure.OTHER);
            throw new InvalidTokenException(reason, e.getMessage());
        } catch (BadJwtException e) {
            String message = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
            boolean signature = message.contains("signature") || message.contains("matching key")
                    || message.contains("algorithm");
            throw new InvalidTokenException(signature ? AuthFailure.BAD_SIGNATURE : AuthFailure.MALFORMED, e.getMessage());
        } catch (JwtException e) {
            throw new InvalidTokenException(AuthFailure.KEYS_UNAVAILABLE, e.getMessage());
        }
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
