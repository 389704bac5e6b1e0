package io.restlive.processor.config;

import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The schema registry that producers using the registry wire format register their schemas in. Unset, the
 * processor reads Avro single-object and JSON envelopes only, and dead-letters registry-format records with
 * a reason that names this setting.
 *
 * @param url the registry's API, e.g. {@code http://registry:8080/apis/registry/v3} ({@code REST_LIVE_REGISTRY_URL})
 * @param properties extra Apicurio serde settings, e.g. {@code rest-live.registry.properties[apicurio.registry.auth.username]}
 */
@ConfigurationProperties(prefix = "rest-live.registry")
public record RegistryProperties(String url, Map<String, String> properties) {

    public RegistryProperties {
        if (url != null && url.isBlank()) {
            url = null;
        }
        if (url != null && !url.startsWith("http://") && !url.startsWith("https://")) {
            throw new IllegalArgumentException("rest-live.registry.url must be an http(s) URL, was '" + url + "'");
        }
        properties = properties == null ? Map.of() : Map.copyOf(properties);
    }

    /** Whether a registry is configured. */
    public boolean enabled() {
        return url != null;
    }
}
