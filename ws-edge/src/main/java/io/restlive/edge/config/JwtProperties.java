package io.restlive.edge.config;

import io.restlive.edge.auth.TokenPolicy;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How an edge validates the tokens of WebSocket handshakes, from {@code rest-live.jwt-*} properties or
 * the matching {@code REST_LIVE_JWT_*} variables. The defaults are the secure ones.
 *
 * @param jwtSecret HS256 secret for tokens, at least 32 bytes ({@code REST_LIVE_JWT_SECRET}); development
 *     and tests
 * @param jwtIssuerUri an OpenID issuer whose keys validate tokens, for production ({@code REST_LIVE_JWT_ISSUER_URI})
 * @param jwtJwkSetUri a JWKS URL whose keys validate tokens, for production ({@code REST_LIVE_JWT_JWK_SET_URI})
 * @param jwtIssuer the {@code iss} every token must carry ({@code REST_LIVE_JWT_ISSUER}); required with an
 *     issuer URI or a JWKS URL
 * @param jwtAudience a value every token's {@code aud} must contain ({@code REST_LIVE_JWT_AUDIENCE}); required
 *     with an issuer URI or a JWKS URL
 * @param jwtRequireExpiry refuse a token without {@code exp} ({@code REST_LIVE_JWT_REQUIRE_EXPIRY})
 * @param jwtClockSkew how far a token's {@code exp} and {@code nbf} may be off the edge's clock, 0s to 5m
 *     ({@code REST_LIVE_JWT_CLOCK_SKEW})
 * @param jwtRequireSubject refuse a token without {@code sub} ({@code REST_LIVE_JWT_REQUIRE_SUBJECT})
 * @param tokenExpiryWarning how long before its token expires a protocol v2 connection is sent
 *     {@code token_expiring} ({@code REST_LIVE_TOKEN_EXPIRY_WARNING})
 */
@ConfigurationProperties(prefix = "rest-live")
public record JwtProperties(
        String jwtSecret,
        String jwtIssuerUri,
        String jwtJwkSetUri,
        String jwtIssuer,
        String jwtAudience,
        @DefaultValue("true") boolean jwtRequireExpiry,
        @DefaultValue("5s") Duration jwtClockSkew,
        @DefaultValue("true") boolean jwtRequireSubject,
        @DefaultValue("60s") Duration tokenExpiryWarning) {

    public JwtProperties {
        if (tokenExpiryWarning == null || tokenExpiryWarning.isNegative()) {
            throw new IllegalArgumentException("rest-live.token-expiry-warning must be zero or more, was "
                    + tokenExpiryWarning);
        }
        jwtSecret = blankToNull(jwtSecret);
        jwtIssuerUri = blankToNull(jwtIssuerUri);
        jwtJwkSetUri = blankToNull(jwtJwkSetUri);
        jwtIssuer = blankToNull(jwtIssuer);
        jwtAudience = blankToNull(jwtAudience);
        if (jwtSecret != null && jwtSecret.getBytes(StandardCharsets.UTF_8).length < 32) {
            throw new IllegalArgumentException(
                    "rest-live.jwt-secret must be at least 32 bytes for HS256: set a longer REST_LIVE_JWT_SECRET");
        }
        if (jwtClockSkew == null || jwtClockSkew.isNegative() || jwtClockSkew.compareTo(Duration.ofMinutes(5)) > 0) {
            throw new IllegalArgumentException("rest-live.jwt-clock-skew must be between 0s and 5m, was " + jwtClockSkew);
        }
        boolean providerKeys = jwtIssuerUri != null || jwtJwkSetUri != null;
        if (providerKeys && jwtIssuer == null) {
            throw new IllegalArgumentException("rest-live.jwt-issuer is required when rest-live.jwt-issuer-uri or"
                    + " rest-live.jwt-jwk-set-uri is set: set REST_LIVE_JWT_ISSUER to the iss your identity provider"
                    + " writes into tokens");
        }
        if (providerKeys && jwtAudience == null) {
            throw new IllegalArgumentException("rest-live.jwt-audience is required when rest-live.jwt-issuer-uri or"
                    + " rest-live.jwt-jwk-set-uri is set: set REST_LIVE_JWT_AUDIENCE to the aud tokens for rest-live"
                    + " carry, so that tokens issued for other services are refused");
        }
    }

    /** The claim checks these settings ask for. */
    public TokenPolicy policy() {
        return new TokenPolicy(jwtRequireExpiry, jwtClockSkew, jwtIssuer, jwtAudience, jwtRequireSubject);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    @Override
    public String toString() {
        return "JwtProperties[jwtSecret=" + (jwtSecret == null ? "unset" : "****") + ", jwtIssuerUri=" + jwtIssuerUri
                + ", jwtJwkSetUri=" + jwtJwkSetUri + ", jwtIssuer=" + jwtIssuer + ", jwtAudience=" + jwtAudience
                + ", jwtRequireExpiry=" + jwtRequireExpiry + ", jwtClockSkew=" + jwtClockSkew
                + ", jwtRequireSubject=" + jwtRequireSubject + "]";
    }
}
