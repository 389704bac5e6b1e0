package io.restlive.processor.config;

import io.restlive.processor.membership.MembershipSettings;
import io.restlive.schemas.TopicNames;
import java.nio.file.Path;
import io.restlive.core.kafka.KafkaClients;
import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

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
 * @param broadcastPartitions partitions of the broadcasts topic when the processor creates it: the slots edges
 *     read, one each ({@code REST_LIVE_BROADCAST_PARTITIONS}); at least the number of edges
 * @param instanceId a stable id of this instance (a StatefulSet pod name), for Kafka's static group membership:
 *     a restart within the session timeout gets its tasks back without a rebalance ({@code REST_LIVE_INSTANCE_ID});
 *     unset, membership is dynamic
 * @param standbyReplicas warm copies of each task's state on other instances, which take over a failed
 *     instance's tasks without restoring ({@code REST_LIVE_STANDBY_REPLICAS})
 * @param sessionTimeout how long a silent instance keeps its tasks before the others take them over
 *     ({@code REST_LIVE_SESSION_TIMEOUT}); the broker allows 6s to 30min by default
 * @param unknownModels what happens to a change of a model no view names: {@code dead-letter} (default) or
 *     {@code keep} (stored, for a view added later) ({@code REST_LIVE_UNKNOWN_MODELS})
 * @param maxFrameSize the largest rendered instance delivered to subscribers; a change whose frame would be
 *     larger for some group is dead-lettered for that group ({@code REST_LIVE_MAX_FRAME_SIZE}, at most 900KB)
 * @param replayHistory how many applied changes each task keeps to replay to subscriptions that go live after
 *     the edge accepted them ({@code REST_LIVE_REPLAY_HISTORY})
 * @param replayRetention the oldest applied change a task keeps for replays ({@code REST_LIVE_REPLAY_RETENTION})
 * @param positionInterval how often each task tells the edges its position when it has moved
 *     ({@code REST_LIVE_POSITION_INTERVAL})
 * @param commitInterval how often tasks commit their progress ({@code REST_LIVE_COMMIT_INTERVAL}): after a crash
 *     the task's new owner reapplies the changes since the last commit (frames sent again), so shorter is
 *     fewer repeats, longer is fewer commits; with exactly-once it is also the latency of a transaction
 * @param lookupHold how long a lookup waits for the instance that must answer to be ready (started, caught
 *     up, not rebalancing) before it answers 503 ({@code REST_LIVE_LOOKUP_HOLD}); below the edges' lookup timeout
 * @param kafka Kafka client properties passed through to every client of the processor (Streams, admin):
 *     {@code rest-live.kafka.security.protocol}, {@code rest-live.kafka.sasl.jaas.config}, ...
 *     ({@code REST_LIVE_KAFKA_SECURITY_PROTOCOL}, ...); the processor's own settings win
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
        @DefaultValue("1ms") Duration broadcastLinger,
        @DefaultValue("12") int broadcastPartitions,
        String instanceId,
        @DefaultValue("1") int standbyReplicas,
        @DefaultValue("6s") Duration sessionTimeout,
        @DefaultValue("dead-letter") String unknownModels,
        @DefaultValue("512KB") DataSize maxFrameSize,
        @DefaultValue("5000") int replayHistory,
        @DefaultValue("5m") Duration replayRetention,
        @DefaultValue("200ms") Duration positionInterval,
        @DefaultValue("1s") Duration commitInterval,
        @DefaultValue("2500ms") Duration lookupHold,
        Map<String, String> kafka) {

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
        require(broadcastPartitions >= 1, "rest-live.broadcast-partitions",
                "must be at least 1, was " + broadcastPartitions);
        require(partitions <= 64, "rest-live.partitions", "must be at most 64, was " + partitions);
        require(standbyReplicas >= 0, "rest-live.standby-replicas", "must be 0 or more, was " + standbyReplicas);
        require(sessionTimeout != null && sessionTimeout.toMillis() >= 1000, "rest-live.session-timeout",
                "must be at least 1s, was " + sessionTimeout);
        require("dead-letter".equals(unknownModels) || "keep".equals(unknownModels), "rest-live.unknown-models",
                "must be dead-letter or keep, was '" + unknownModels + "'");
        require(maxFrameSize != null && maxFrameSize.toBytes() >= 1024 && maxFrameSize.toBytes() <= 900 * 1024,
                "rest-live.max-frame-size", "must be between 1KB and 900KB, was " + maxFrameSize);
        require(replayHistory >= 0, "rest-live.replay-history", "must be 0 or more, was " + replayHistory);
        require(replayRetention != null && !replayRetention.isNegative(), "rest-live.replay-retention",
                "must not be negative, was " + replayRetention);
        require(positionInterval != null && positionInterval.toMillis() >= 10 && positionInterval.toMillis() <= 10_000,
                "rest-live.position-interval", "must be between 10ms and 10s, was " + positionInterval);
        require(commitInterval != null && commitInterval.toMillis() >= 10 && commitInterval.toMillis() <= 60_000,
                "rest-live.commit-interval", "must be between 10ms and 60s, was " + commitInterval);
        require(lookupHold != null && !lookupHold.isNegative() && lookupHold.toMillis() <= 60_000,
                "rest-live.lookup-hold", "must be between 0 and 60s, was " + lookupHold);
        if (instanceId != null && instanceId.isBlank()) {
            instanceId = null;
        }
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

    /** True if changes of models no view names are stored rather than dead-lettered. */
    public boolean keepsUnknownModels() {
        return "keep".equals(unknownModels);
    }

    /** The membership tasks' limits and intervals. */
    public MembershipSettings membership() {
        return new MembershipSettings((int) maxFrameSize.toBytes(), MembershipSettings.DEFAULT_RECORD_BUDGET,
                replayHistory, replayRetention, positionInterval);
    }

    /** The cluster and the client properties every Kafka client of the processor takes. */
    public KafkaClients kafkaClients() {
        return new KafkaClients(bootstrapServers, KafkaClients.passedThrough(System.getenv(), kafka));
    }

    /** One line for the start-up log (passed-through Kafka properties by name only: they may hold secrets). */
    public String describe() {
        return "bootstrap-servers=" + kafkaClients().describe() + ", views=" + views + ", topic-prefix=" + topicPrefix
                + ", application-id=" + applicationId + ", state-dir=" + stateDir + ", partitions=" + partitions
                + ", replication=" + replication + ", stream-threads=" + streamThreads + ", advertised-host="
                + (advertisedHost == null ? "(local host name)" : advertisedHost) + ", exactly-once=" + exactlyOnce + ", edge-ttl=" + edgeTtl + ", broadcast-linger=" + broadcastLinger
                + ", broadcast-partitions=" + broadcastPartitions + ", instance-id="
                + (instanceId == null ? "(dynamic membership)" : instanceId) + ", standby-replicas=" + standbyReplicas
                + ", session-timeout=" + sessionTimeout + ", unknown-models=" + unknownModels + ", max-frame-size="
                + maxFrameSize + ", replay-history=" + replayHistory + ", replay-retention=" + replayRetention
                + ", position-interval=" + positionInterval + ", commit-interval=" + commitInterval
                + ", lookup-hold=" + lookupHold;
    }

    private static void require(boolean valid, String key, String problem) {
        if (!valid) {
            throw new IllegalArgumentException(key + " " + problem);
        }
    }
}
