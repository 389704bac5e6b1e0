package io.restlive.spring;

import io.restlive.producer.Encoding;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The starter's settings, bound from {@code rest-live.*} properties or {@code REST_LIVE_*} environment
 * variables (e.g. {@code REST_LIVE_BOOTSTRAP_SERVERS}); checked at start-up by {@link #validate()}.
 */
@ConfigurationProperties(prefix = "rest-live")
public class RestLiveProperties {

    /** Whether the starter publishes anything at all; false leaves the app without a LiveProducer. */
    private boolean enabled = true;

    /** The Kafka cluster, host:port[,host:port]. */
    private String bootstrapServers = "127.0.0.1:9092";

    /** The prefix of rest-live's topic names; changes go to '<prefix>changes'. */
    private String topicPrefix = "rest-live.";

    /** How change envelopes are encoded on the changes topic. */
    private Encoding encoding = Encoding.AVRO;

    /**
     * The schema registry's API URL (e.g. http://registry:8080/apis/registry/v3); required when encoding is
     * avro-registry, which also needs io.apicurio:apicurio-registry-avro-serde-kafka on the classpath.
     */
    private String registryUrl;

    /** When changes of @LiveModel entities are published: direct, after-commit or outbox. */
    private PublishMode mode = PublishMode.AFTER_COMMIT;

    /** Extra Kafka producer properties (e.g. security.protocol), applied over the producer's defaults. */
    private Map<String, String> producer = new LinkedHashMap<>();

    /** The transactional outbox, used when mode is outbox. */
    private final Outbox outbox = new Outbox();

    /**
     * Fails start-up with a message naming the key and the fix when a setting cannot work.
     *
     * @throws IllegalStateException naming the offending key
     */
    public void validate() {
        require(bootstrapServers != null && !bootstrapServers.isBlank(), "rest-live.bootstrap-servers",
                "must be host:port of the Kafka cluster (REST_LIVE_BOOTSTRAP_SERVERS)");
        require(topicPrefix != null && topicPrefix.matches("[A-Za-z0-9._-]*"), "rest-live.topic-prefix",
                "may contain only letters, digits, '.', '_' and '-'");
        require(encoding != Encoding.AVRO_REGISTRY || (registryUrl != null && !registryUrl.isBlank()),
                "rest-live.registry-url", "is required when rest-live.encoding is avro-registry (REST_LIVE_REGISTRY_URL)");
        require(outbox.batchSize > 0, "rest-live.outbox.batch-size", "must be at least 1");
        require(!outbox.pollInterval.isNegative() && !outbox.pollInterval.isZero(),
                "rest-live.outbox.poll-interval", "must be a positive duration such as 200ms");
        require(!outbox.relayStartDelay.isNegative(), "rest-live.outbox.relay-start-delay",
                "must not be negative");
        require(!outbox.sendTimeout.isNegative() && !outbox.sendTimeout.isZero(),
                "rest-live.outbox.send-timeout", "must be a positive duration such as 30s");
    }

    private static void require(boolean ok, String key, String fix) {
        if (!ok) {
            throw new IllegalStateException(key + " " + fix);
        }
    }

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public String getBootstrapServers() {
        return bootstrapServers;
    }

    public void setBootstrapServers(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    public String getTopicPrefix() {
        return topicPrefix;
    }

    public void setTopicPrefix(String topicPrefix) {
        this.topicPrefix = topicPrefix;
    }

    public Encoding getEncoding() {
        return encoding;
    }

    public void setEncoding(Encoding encoding) {
        this.encoding = encoding;
    }

    public String getRegistryUrl() {
        return registryUrl;
    }

    public void setRegistryUrl(String registryUrl) {
        this.registryUrl = registryUrl;
    }

    public PublishMode getMode() {
        return mode;
    }

    public void setMode(PublishMode mode) {
        this.mode = mode;
    }

    public Map<String, String> getProducer() {
        return producer;
    }

    public void setProducer(Map<String, String> producer) {
        this.producer = producer;
    }

    public Outbox getOutbox() {
        return outbox;
    }

    @Override
    public String toString() {
        // Extra producer properties may hold credentials: only their names are logged.
        return "mode=" + mode + ", bootstrap-servers=" + bootstrapServers + ", topic-prefix=" + topicPrefix
                + ", encoding=" + encoding
                + (encoding == Encoding.AVRO_REGISTRY ? ", registry-url=" + registryUrl : "") + ", producer=" + producer.keySet()
                + (mode == PublishMode.OUTBOX ? ", outbox=" + outbox : "");
    }

    /** Settings of the outbox table and its relay. */
    public static class Outbox {

        /** Whether the starter creates the rest_live_outbox table at start-up if it is missing (H2, PostgreSQL). */
        private boolean initializeSchema = true;

        /** How often the relay looks for rows when no commit woke it up. */
        private Duration pollInterval = Duration.ofMillis(500);

        /** How many rows the relay sends per round, in id order. */
        private int batchSize = 500;

        /** How long the relay waits for the broker to acknowledge a round before it retries it. */
        private Duration sendTimeout = Duration.ofSeconds(30);

        /**
         * How long after start-up the relay begins sending. A test hook: the crash test sets it high so that
         * committed rows wait in the table when the app is killed; leave it at 0 in production.
         */
        private Duration relayStartDelay = Duration.ZERO;

        public boolean isInitializeSchema() {
            return initializeSchema;
        }

        public void setInitializeSchema(boolean initializeSchema) {
            this.initializeSchema = initializeSchema;
        }

        public Duration getPollInterval() {
            return pollInterval;
        }

        public void setPollInterval(Duration pollInterval) {
            this.pollInterval = pollInterval;
        }

        public int getBatchSize() {
            return batchSize;
        }

        public void setBatchSize(int batchSize) {
            this.batchSize = batchSize;
        }

        public Duration getSendTimeout() {
            return sendTimeout;
        }

        public void setSendTimeout(Duration sendTimeout) {
            this.sendTimeout = sendTimeout;
        }

        public Duration getRelayStartDelay() {
            return relayStartDelay;
        }

        public void setRelayStartDelay(Duration relayStartDelay) {
            this.relayStartDelay = relayStartDelay;
        }

        @Override
        public String toString() {
            return "{poll-interval=" + pollInterval + ", batch-size=" + batchSize + ", send-timeout=" + sendTimeout
                    + ", relay-start-delay=" + relayStartDelay + ", initialize-schema=" + initializeSchema + "}";
        }
    }
}
