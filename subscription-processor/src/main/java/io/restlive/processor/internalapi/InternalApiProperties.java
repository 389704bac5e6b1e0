package io.restlive.processor.internalapi;

import io.restlive.core.internalapi.InternalApiAuth;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Who may call the processor's {@code /internal/**} endpoints (the lookups of edges and of other
 * processor instances), from {@code rest-live.*} properties or {@code REST_LIVE_*} variables.
 *
 * @param internalSecret the secret edges and processors present as {@code Authorization: Bearer <secret>},
 *     the same on every edge and processor, at least 16 characters ({@code REST_LIVE_INTERNAL_SECRET})
 * @param internalSecretRequired whether {@code /internal/**} requires the secret; true by default, so that
 *     a processor without a secret refuses every internal call; false opens them to anyone who reaches the
 *     port ({@code REST_LIVE_INTERNAL_SECRET_REQUIRED})
 */
@ConfigurationProperties(prefix = "rest-live")
public record InternalApiProperties(String internalSecret, @DefaultValue("true") boolean internalSecretRequired) {

    public InternalApiProperties {
        if (internalSecret != null && internalSecret.isBlank()) {
            internalSecret = null;
        }
        if (internalSecret != null && internalSecret.length() < InternalApiAuth.MIN_SECRET_LENGTH) {
            throw new IllegalArgumentException("rest-live.internal-secret must be at least "
                    + InternalApiAuth.MIN_SECRET_LENGTH + " characters: set a longer REST_LIVE_INTERNAL_SECRET, the same"
                    + " on the processor and every edge (e.g. openssl rand -base64 32)");
        }
    }

    @Override
    public String toString() {
        return "InternalApiProperties[internalSecret=" + (internalSecret == null ? "unset" : "****")
                + ", internalSecretRequired=" + internalSecretRequired + "]";
    }
}
