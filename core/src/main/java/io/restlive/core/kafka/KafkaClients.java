package io.restlive.core.kafka;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import org.apache.kafka.clients.CommonClientConfigs;

/**
 * What every Kafka client of an app takes besides its own settings: the cluster, and the properties an operator
 * passes through for it ({@code rest-live.kafka.*}: {@code security.protocol}, {@code sasl.*}, {@code ssl.*},
 * ...). The app's own settings win over passed-through ones, so that a pass-through cannot change what the app
 * relies on (acks, idempotence, serializers, group ids).
 *
 * @param bootstrapServers the cluster
 * @param properties passed-through client properties; may hold secrets (never logged, see {@link #describe()})
 */
public record KafkaClients(String bootstrapServers, Map<String, String> properties) {

    public KafkaClients {
        properties = properties == null ? Map.of() : Map.copyOf(properties);
    }

    /** The environment variables that pass a Kafka client property through: {@code REST_LIVE_KAFKA_<NAME>}. */
    public static final String ENVIRONMENT_PREFIX = "REST_LIVE_KAFKA_";

    /**
     * The properties passed through by the environment ({@code REST_LIVE_KAFKA_SECURITY_PROTOCOL} is
     * {@code security.protocol}: lower case, underscores as dots; Kafka's client property names have no
     * underscores) and by the app's configuration ({@code rest-live.kafka.*}, which wins). Read here because
     * Spring Boot does not bind environment variables into a map under a prefix with a dash.
     */
    public static Map<String, String> passedThrough(Map<String, String> environment, Map<String, String> configured) {
        Map<String, String> properties = new HashMap<>();
        environment.forEach((name, value) -> {
            if (name.startsWith(ENVIRONMENT_PREFIX) && name.length() > ENVIRONMENT_PREFIX.length()) {
                properties.put(name.substring(ENVIRONMENT_PREFIX.length()).toLowerCase(Locale.ROOT).replace('_', '.'),
                        value);
            }
        });
        if (configured != null) {
            properties.putAll(configured);
        }
        return properties;
    }

    /** A cluster without passed-through properties. */
    public static KafkaClients of(String bootstrapServers) {
        return new KafkaClients(bootstrapServers, Map.of());
    }

    /** The configuration of one client: the passed-through properties, the cluster, then its own settings. */
    public Map<String, Object> config(Map<String, ?> own) {
        Map<String, Object> config = new HashMap<>(properties);
        config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.putAll(own);
        return config;
    }

    /** For the settings log line: the cluster and the names of the passed-through properties, not their values. */
    public String describe() {
        return bootstrapServers + (properties.isEmpty() ? "" : " with " + new TreeSet<>(properties.keySet()));
    }
}
