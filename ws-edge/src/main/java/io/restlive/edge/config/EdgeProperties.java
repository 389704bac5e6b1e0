package io.restlive.edge.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
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
 * @param processorUrl where the processor answers instance lookups ({@code REST_LIVE_PROCESSOR_URL})
 * @param jwtSecret HS256 secret for tokens, at least 32 bytes ({@code REST_LIVE_JWT_SECRET});
 *     development and tests
 * @param jwtIssuerUri an OpenID issuer whose keys validate tokens, for production
 * @param jwtJwkSetUri a JWKS URL whose keys validate tokens, for production
 * @param partitions partitions of the topics this edge creates when they are missing
 * @param replication replication factor of those topics
 * @param lookupTimeout how long a subscribe waits for the processor's lookup
 * @param sendTimeLimit how long a send to a slow client may take before it is disconnected
 * @param sendBufferLimit how many bytes may wait for a slow client before it is disconnected
 * @param heartbeatInterval how often the edge tells the processor it is alive
 *     ({@code REST_LIVE_HEARTBEAT_INTERVAL}); the processor expires its groups after its edge TTL of silence
 */
@ConfigurationProperties(prefix = "rest-live")
public record EdgeProperties(
        @DefaultValue("127.0.0.1:9092") String bootstrapServers,
        Path views,
        @DefaultValue("rest-live.") String topicPrefix,
        String edgeId,
        @DefaultValue("http://127.0.0.1:8081") URI processorUrl,
        String jwtSecret,
        String jwtIssuerUri,
        String jwtJwkSetUri,
        @DefaultValue("6") int partitions,
        @DefaultValue("1") short replication,
        @DefaultValue("3s") Duration lookupTimeout,
        @DefaultValue("10s") Duration sendTimeLimit,
        @DefaultValue("1048576") int sendBufferLimit,
        @DefaultValue("10s") Duration heartbeatInterval) {

    public EdgeProperties {
        if (views == null) {
            throw new IllegalArgumentException(
                    "rest-live.views is required: set REST_LIVE_VIEWS to the path of the views file");
        }
        if (jwtSecret != null && !jwtSecret.isEmpty() && jwtSecret.getBytes(java.nio.charset.StandardCharsets.UTF_8).length < 32) {
            throw new IllegalArgumentException(
                    "rest-live.jwt-secret must be at least 32 bytes for HS256: set a longer REST_LIVE_JWT_SECRET");
        }
        if (heartbeatInterval == null || heartbeatInterval.toMillis() < 100) {
            throw new IllegalArgumentException("rest-live.heartbeat-interval must be at least 100ms, was "
                    + heartbeatInterval);
        }
        if (edgeId == null || edgeId.isBlank()) {
            edgeId = hostName() + "-" + UUID.randomUUID().toString().substring(0, 8);
        }
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
        return "EdgeProperties[bootstrapServers=" + bootstrapServers + ", views=" + views + ", topicPrefix="
                + topicPrefix + ", edgeId=" + edgeId + ", processorUrl=" + processorUrl + ", jwtSecret="
                + (jwtSecret == null || jwtSecret.isEmpty() ? "unset" : "****") + ", jwtIssuerUri=" + jwtIssuerUri
                + ", jwtJwkSetUri=" + jwtJwkSetUri + ", partitions=" + partitions + ", lookupTimeout=" + lookupTimeout
                + ", sendTimeLimit=" + sendTimeLimit + ", sendBufferLimit=" + sendBufferLimit + ", heartbeatInterval="
                + heartbeatInterval + "]";
    }
}
