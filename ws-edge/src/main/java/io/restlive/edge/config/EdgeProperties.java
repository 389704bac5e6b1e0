package io.restlive.edge.config;

import io.restlive.core.internalapi.InternalApiAuth;
import java.net.URI;
import java.nio.file.Path;
import io.restlive.core.kafka.KafkaClients;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Configuration of an edge, from {@code rest-live.*} properties or the matching {@code REST_LIVE_*}
 * environment variables.
 *
 * @param bootstrapServers the Kafka cluster ({@code REST_LIVE_BOOTSTRAP_SERVERS})
 * @param views the views file, the same one the processor loads ({@code REST_LIVE_VIEWS}); required
 * @param topicPrefix the prefix of every rest-live topic ({@code REST_LIVE_TOPIC_PREFIX})
 * @param edgeId this node's name in subscription commands ({@code REST_LIVE_EDGE_ID}); default
 *     host name plus a random suffix
 * @param processorUrl where the processors answer instance lookups ({@code REST_LIVE_PROCESSOR_URL}): one URL (a
 *     Kubernetes Service) or several, comma-separated, tried in turn when one does not answer
 * @param internalSecret the secret this edge presents to the processor's {@code /internal/**} endpoints,
 *     the same as the processor's ({@code REST_LIVE_INTERNAL_SECRET})
 * @param allowedOrigins the {@code Origin}s (scheme://host[:port]) whose pages may open WebSockets; empty
 *     allows any ({@code REST_LIVE_ALLOWED_ORIGINS}, comma-separated)
 * @param partitions partitions of the changes and subscriptions topics when this edge creates them
 * @param broadcastPartitions partitions of the broadcasts topic when this edge creates it: the slots edges
 *     choose from, one each ({@code REST_LIVE_BROADCAST_PARTITIONS}); at least the number of edges
 * @param replication replication factor of those topics
 * @param lookupTimeout how long a retrieve subscribe waits, retries included, for a processor to answer its lookup
 *     (one that restarts or rebalances answers once it is ready); then 503
 * @param sendTimeLimit how long a send to a slow client may take before it is disconnected
 * @param sendBufferLimit how many bytes may wait for a slow client before it is disconnected
 * @param heartbeatInterval how often the edge tells the processor it is alive
 *     ({@code REST_LIVE_HEARTBEAT_INTERVAL}); the processor expires its groups after its edge TTL of silence
 * @param kafka Kafka client properties passed through to every client of the edge (producer, consumers, admin):
 *     {@code rest-live.kafka.security.protocol}, {@code rest-live.kafka.sasl.jaas.config}, ...
 *     ({@code REST_LIVE_KAFKA_SECURITY_PROTOCOL}, ...); the edge's own settings win
 */
@ConfigurationProperties(prefix = "rest-live")
public record EdgeProperties(
        @DefaultValue("127.0.0.1:9092") String bootstrapServers,
        Path views,
        @DefaultValue("rest-live.") String topicPrefix,
        String edgeId,
        @DefaultValue("http://127.0.0.1:8081") List<URI> processorUrl,
        String internalSecret,
        @DefaultValue List<String> allowedOrigins,
        @DefaultValue("6") int partitions,
        @DefaultValue("12") int broadcastPartitions,
        @DefaultValue("1") short replication,
        @DefaultValue("10s") Duration lookupTimeout,
        @DefaultValue("10s") Duration sendTimeLimit,
        @DefaultValue("1048576") int sendBufferLimit,
        @DefaultValue("10s") Duration heartbeatInterval,
        Map<String, String> kafka) {

    public EdgeProperties {
        if (views == null) {
            throw new IllegalArgumentException(
                    "rest-live.views is required: set REST_LIVE_VIEWS to the path of the views file");
        }
        if (internalSecret != null && internalSecret.isBlank()) {
            internalSecret = null;
        }
        if (processorUrl == null || processorUrl.isEmpty()) {
            throw new IllegalArgumentException("rest-live.processor-url needs at least one URL of a processor");
        }
        processorUrl = List.copyOf(processorUrl);
        if (broadcastPartitions < 1) {
            throw new IllegalArgumentException("rest-live.broadcast-partitions must be at least 1, was "
                    + broadcastPartitions);
        }
        if (internalSecret != null && internalSecret.length() < InternalApiAuth.MIN_SECRET_LENGTH) {
            throw new IllegalArgumentException("rest-live.internal-secret must be at least "
                    + InternalApiAuth.MIN_SECRET_LENGTH + " characters: set a longer REST_LIVE_INTERNAL_SECRET, the"
                    + " same on the processor and every edge");
        }
        allowedOrigins = allowedOrigins == null ? List.of() : List.copyOf(allowedOrigins);
        if (heartbeatInterval == null || heartbeatInterval.toMillis() < 100) {
            throw new IllegalArgumentException("rest-live.heartbeat-interval must be at least 100ms, was "
                    + heartbeatInterval);
        }
        if (edgeId == null || edgeId.isBlank()) {
            edgeId = hostName() + "-" + UUID.randomUUID().toString().substring(0, 8);
        }
    }

    /** The cluster and the client properties every Kafka client of the edge takes. */
    public KafkaClients kafkaClients() {
        return new KafkaClients(bootstrapServers, KafkaClients.passedThrough(System.getenv(), kafka));
    }

    private static String hostName() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            return "edge";
        }
    }

    @Override
    public String toString() {
        return "EdgeProperties[bootstrapServers=" + kafkaClients().describe() + ", views=" + views + ", topicPrefix="
                + topicPrefix + ", edgeId=" + edgeId + ", processorUrl=" + processorUrl + ", internalSecret="
                + (internalSecret == null ? "unset" : "****") + ", allowedOrigins="
                + (allowedOrigins.isEmpty() ? "(any)" : allowedOrigins) + ", partitions=" + partitions
                + ", broadcastPartitions=" + broadcastPartitions + ", lookupTimeout=" + lookupTimeout
                + ", sendTimeLimit=" + sendTimeLimit + ", sendBufferLimit=" + sendBufferLimit + ", heartbeatInterval="
                + heartbeatInterval + "]";
    }
}
