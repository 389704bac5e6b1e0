package io.restlive.edge.auth;

import io.restlive.edge.metrics.EdgeMetrics.AuthFailure;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;

/**
 * What a token must satisfy besides its signature. Each failed check is reported as an {@link OAuth2Error}
 * whose code is the {@link AuthFailure} it stands for, so that a refusal carries a machine-readable reason.
 *
 * @param requireExpiry refuse a token without {@code exp}
 * @param clockSkew how far {@code exp} and {@code nbf} may be off the edge's clock
 * @param issuer the {@code iss} a token must carry; null checks none
 * @param audience a value the token's {@code aud} must contain; null checks none
 * @param requireSubject refuse a token without {@code sub}
 */
public record TokenPolicy(boolean requireExpiry, Duration clockSkew, String issuer, String audience,
                          boolean requireSubject) {

    /** The checks as one validator for a {@code NimbusJwtDecoder}; it replaces the decoder's defaults. */
    public OAuth2TokenValidator<Jwt> validator() {
        List<OAuth2TokenValidator<Jwt>> checks = new ArrayList<>();
        checks.add(timestamps(new JwtTimestampValidator(clockSkew)));
        if (requireExpiry) {
            checks.add(check(AuthFailure.MISSING_EXPIRY, "the token has no exp", jwt -> jwt.getExpiresAt() != null));
        }
        if (requireSubject) {
            checks.add(check(AuthFailure.MISSING_SUBJECT, "the token has no sub",
                    jwt -> jwt.getSubject() != null && !jwt.getSubject().isBlank()));
        }
        if (issuer != null) {
            checks.add(check(AuthFailure.WRONG_ISSUER, "the token's iss is not the expected issuer",
                    jwt -> issuer.equals(jwt.getClaimAsString("iss"))));
        }
        if (audience != null) {
            checks.add(check(AuthFailure.WRONG_AUDIENCE, "the token's aud does not contain the expected audience",
                    jwt -> jwt.getAudience() != null && jwt.getAudience().contains(audience)));
        }
        return new DelegatingOAuth2TokenValidator<>(checks);
    }

    /** The reason an error of {@link #validator()} stands for. */
    static AuthFailure reasonOf(OAuth2Error error) {
        try {
            return AuthFailure.valueOf(error.getErrorCode().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException notOurs) {
            return AuthFailure.OTHER;
        }
    }

    private static OAuth2TokenValidator<Jwt> check(AuthFailure reason, String description, Predicate<Jwt> holds) {
        return jwt -> holds.test(jwt) ? OAuth2TokenValidatorResult.success()
                : OAuth2TokenValidatorResult.failure(error(reason, description));
    }

    /** Spring's timestamp check, with its failures told apart: expired, or not valid yet. */
    private static OAuth2TokenValidator<Jwt> timestamps(JwtTimestampValidator validator) {
        return jwt -> {
            OAuth2TokenValidatorResult result = validator.validate(jwt);
            if (!result.hasErrors()) {
                return result;
            }
            String description = result.getErrors().iterator().next().getDescription();
            boolean expired = description != null && description.toLowerCase(Locale.ROOT).contains("expired");
            return OAuth2TokenValidatorResult.failure(error(expired ? AuthFailure.EXPIRED : AuthFailure.NOT_YET_VALID,
                    description));
        };
    }

    private static OAuth2Error error(AuthFailure reason, String description) {
        return new OAuth2Error(reason.name().toLowerCase(Locale.ROOT), description, null);
    }
}
