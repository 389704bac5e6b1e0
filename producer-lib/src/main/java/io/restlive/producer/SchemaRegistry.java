package io.restlive.producer;

import io.apicurio.registry.resolver.client.RegistryClientFacade;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The schema registry that {@link Encoding#AVRO_REGISTRY} registers the envelope's schema in, an Apicurio
 * Registry or any registry with a Confluent-compatible API that Apicurio's serdes can talk to. Needs
 * {@code io.apicurio:apicurio-registry-avro-serde-kafka} on the classpath.
 *
 * <pre>{@code
 * LiveProducer.builder().bootstrapServers("kafka:9092")
 *         .encoding(Encoding.AVRO_REGISTRY)
 *         .schemaRegistry(SchemaRegistry.at("http://registry:8080/apis/registry/v3")
 *                 .property("apicurio.registry.auth.username", "publisher"))
 *         .build();
 * }</pre>
 */
public final class SchemaRegistry {

    private final String url;
    private final Object client;
    private final Map<String, Object> properties = new LinkedHashMap<>();

    private SchemaRegistry(String url, Object client) {
        this.url = url;
        this.client = client;
    }

    /** The registry at {@code url}, e.g. {@code http://registry:8080/apis/registry/v3}. */
    public static SchemaRegistry at(String url) {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("the schema registry URL is required, e.g. http://registry:8080/apis/registry/v3");
        }
        return new SchemaRegistry(url, null);
    }

    /** A registry reached through a client of your own, e.g. an in-memory one in tests. */
    public static SchemaRegistry client(RegistryClientFacade client) {
        return new SchemaRegistry(null, Objects.requireNonNull(client, "client"));
    }

    /**
     * Sets one of Apicurio's serde settings ({@code apicurio.registry.*}: authentication, retries, the
     * artifact group), applied over rest-live's.
     */
    public SchemaRegistry property(String name, Object value) {
        properties.put(Objects.requireNonNull(name, "name"), value);
        return this;
    }

    /** The URL, or null when a client was given. */
    public String url() {
        return url;
    }

    /** The client given to {@link #client}, or null. */
    public Object clientOrNull() {
        return client;
    }

    /** The extra serde settings. */
    public Map<String, Object> properties() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(properties));
    }

    @Override
    public String toString() {
        return url != null ? url : "a registry client of the application";
    }
}
