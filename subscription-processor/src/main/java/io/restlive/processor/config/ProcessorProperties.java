package io.restlive.processor.config;

import io.restlive.schemas.TopicNames;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The processor's settings, bound from {@code rest-live.*} properties or {@code REST_LIVE_*} environment
 * variables, and validated when bound: a bad value stops start-up with a message naming the key.
 *
 * @param bootstrapServers the Kafka cluster, {@code host:port[,host:port]} ({@code REST_LIVE_BOOTSTRAP_SERVERS})
 * @param views the views file, the same one the edges load; required ({@code REST_LIVE_VIEWS})
 * @param topicPrefix the prefix of rest-live's topic names ({@code REST_LIVE_TOPIC_PREFIX})
 * @param stateDir where Kafka Streams keeps the entity store; survives restarts when on a volume
 *     ({@code REST_LIVE_STATE_DIR}, default {@code <java.io.tmpdir>/rest-live-processor})
 * @param applicationId the Kafka Streams application id: consumer group and changelog topic prefix
 *     ({@code REST_LIVE_APPLICATION_ID})
 * @param partitions partitions of the changes and broadcasts topics when the processor creates them
 *     ({@code REST_LIVE_PARTITIONS})
 * @param replication replication factor of the topics the processor creates, and of its changelogs
 *     ({@code REST_LIVE_REPLICATION})
 * @param streamThreads Kafka Streams threads of this instance ({@code REST_LIVE_STREAM_THREADS})
 * @param advertisedHost the host other instances reach this one's HTTP port at, for lookups; default the
 *     local host name ({@code REST_LIVE_ADVERTISED_HOST})
 * @param exactlyOnce process with Kafka's exactly-once guarantee instead of at-least-once; needs a broker
 *     with transactions ({@code REST_LIVE_EXACTLY_ONCE})
 * @param edgeTtl how long an edge session may stay silent before its subscription groups are expired; at
 *     least three of the edge's heartbeat intervals are always allowed ({@code REST_LIVE_EDGE_TTL})
 * @param broadcastLinger how long the broadcast producer waits to fill a batch ({@code linger.ms};
 *     {@code REST_LIVE_BROADCAST_LINGER}): latency every subscriber sees on an idle stack, throughput
 *     under load (docs/benchmarks.md measures both)
 */
@ConfigurationProperties(prefix = "rest-live")
public record ProcessorProperties(
        @DefaultValue("127.0.0.1:9092") String bootstrapServers,
        Path views,
        @DefaultValue(TopicNames.DEFAULT_PREFIX) String topicPrefix,
        Path stateDir,
        @DefaultValue("rest-live-processor") String applicationId,
        @DefaultValue("6") int partitions,
        @DefaultValue("1") short replication,
        @DefaultValue("1") int streamThreads,
        String advertisedHost,
        @DefaultValue("false") boolean exactlyOnce,
        @DefaultValue("30s") Duration edgeTtl,
        @DefaultValue("1ms") Duration broadcastLinger) {

    public ProcessorProperties {
        require(bootstrapServers != null && !bootstrapServers.isBlank(), "rest-live.bootstrap-servers",
                "must be host:port of the Kafka cluster (REST_LIVE_BOOTSTRAP_SERVERS)");
        require(views != null, "rest-live.views",
                "is required: set REST_LIVE_VIEWS to the path of the views file");
        require(topicPrefix != null && topicPrefix.matches("[A-Za-z0-9._-]*"), "rest-live.topic-prefix",
                "'" + topicPrefix + "' may contain only letters, digits, '.', '_' and '-'");
        require(applicationId != null && applicationId.matches("[A-Za-z0-9._-]+"), "rest-live.application-id",
                "'" + applicationId + "' must be non-empty letters, digits, '.', '_' or '-'");
        require(partitions >= 1, "rest-live.partitions", "must be at least 1, was " + partitions);
        require(replication >= 1, "rest-live.replication", "must be at least 1, was " + replication);
        require(streamThreads >= 1, "rest-live.stream-threads", "must be at least 1, was " + streamThreads);
        require(edgeTtl != null && edgeTtl.toMillis() >= 1000, "rest-live.edge-ttl",
                "must be at least 1s, was " + edgeTtl);
        require(broadcastLinger != null && !broadcastLinger.isNegative() && broadcastLinger.toMillis() <= 1000,
                "rest-live.broadcast-linger", "must be between 0ms and 1s, was " + broadcastLinger);
        if (stateDir == null) {
            stateDir = Path.of(System.getProperty("java.io.tmpdir"), "rest-live-processor");
        }
        if (advertisedHost != null && advertisedHost.isBlank()) {
            advertisedHost = null;
        }
    }

    /** The topic names under the configured prefix. */
    public TopicNames topicNames() {
        return new TopicNames(topicPrefix);
    }

    /** One line for the start-up log (nothing here is secret). */
    public String describe() {
        return "bootstrap-servers=" + bootstrapServers + ", views=" + views + ", topic-prefix=" + topicPrefix
                + ", application-id=" + applicationId + ", state-dir=" + stateDir + ", partitions=" + partitions
                + ", replication=" + replication + ", stream-threads=" + streamThreads + ", advertised-host="
                + (advertisedHost == null ? "(local host name)" : advertisedHost) + ", exactly-once=" + exactlyOnce + ", edge-ttl=" + edgeTtl + ", broadcast-linger=" + broadcastLinger;
    }

    private static void require(boolean valid, String key, String problem) {
        if (!valid) {
            throw new IllegalArgumentException(key + " " + problem);
        }
    }
}
