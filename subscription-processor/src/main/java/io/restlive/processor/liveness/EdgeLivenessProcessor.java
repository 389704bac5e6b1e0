package io.restlive.processor.liveness;

import io.restlive.processor.metrics.ProcessorMetrics;
import io.restlive.schemas.AvroCodecs;
import io.restlive.schemas.ControlCommand;
import io.restlive.schemas.ControlKind;
import io.restlive.schemas.EdgeHeartbeat;
import io.restlive.schemas.SubscriptionKeys;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Expires the subscription groups of edges that died without leaving them.
 *
 * <p>Edges send a heartbeat per session every interval, keyed by session on a partitioned topic; the task
 * that owns a session's partition (one instance of the cluster) keeps its lease and, when the session has
 * been silent longer than its TTL, writes an {@code EDGE_EXPIRED} command under the session's control key
 * to every partition of the subscriptions topic. Each membership task applies it in order with its own
 * input and forgets the session's pairs, so groups no other edge holds disappear everywhere.
 *
 * <p>Silence is measured with this instance's clock at receipt, never the edge's, so clock skew cannot
 * expire a live edge, and a task expires nothing until it has itself been watching for a full TTL (after
 * it starts, is moved here, or was stalled), so a restored lease or a backlog of heartbeats is never
 * mistaken for silence. One TTL after expiry the session's control key is tombstoned on every partition
 * (which also forgets any pair a late join of the dead session left), then the lease is forgotten and the
 * session's heartbeat tombstoned.
 */
public final class EdgeLivenessProcessor implements Processor<String, byte[], String, Object> {

    private static final Logger log = LoggerFactory.getLogger(EdgeLivenessProcessor.class);

    private final String leasesStoreName;
    private final String subscriptionsSink;
    private final String heartbeatsSink;
    private final long ttlMs;
    private final ProcessorMetrics metrics;
    private ProcessorContext<String, Object> context;
    private KeyValueStore<String, EdgeLease> leases;
    /** Since when this task has been receiving heartbeats without a pause; negative before it starts. */
    private long watchingSinceMs = -1;
    /** When this task last processed a heartbeat or ran a check; negative before either. */
    private long lastActiveMs = -1;

    /**
     * @param leasesStoreName this task's store of edge leases
     * @param subscriptionsSink the sink that writes session commands to every partition of the subscriptions
     *     topic
     * @param heartbeatsSink the sink that writes session tombstones to the heartbeats topic
     * @param ttl the silence that expires a session (at least three of its heartbeat intervals)
     * @param metrics the processor's counters
     */
    public EdgeLivenessProcessor(String leasesStoreName, String subscriptionsSink, String heartbeatsSink, Duration ttl,
                                 ProcessorMetrics metrics) {
        this.leasesStoreName = leasesStoreName;
        this.subscriptionsSink = subscriptionsSink;
        this.heartbeatsSink = heartbeatsSink;
        this.ttlMs = ttl.toMillis();
        this.metrics = metrics;
    }

    /** How often leases are checked: a third of the TTL, so expiry comes at most a third late. */
    public static Duration checkInterval(Duration ttl) {
        return Duration.ofMillis(Math.max(100, ttl.toMillis() / 3));
    }

    @Override
    public void init(ProcessorContext<String, Object> context) {
        this.context = context;
        this.leases = context.getStateStore(leasesStoreName);
        // The context's clock is not set during init: the task starts watching at its first record or check.
        this.watchingSinceMs = -1;
        this.lastActiveMs = -1;
        context.schedule(checkInterval(Duration.ofMillis(ttlMs)), PunctuationType.WALL_CLOCK_TIME, this::check);
    }

    @Override
    public void process(Record<String, byte[]> record) {
        String session = record.key();
        if (session == null) {
            log.warn("Ignoring an edge heartbeat without a key");
            return;
        }
        if (record.value() == null) {
            // This processor forgetting a session it expired (or an operator ending one): drop the lease
            // without expiring; the session's pairs are not touched.
            leases.delete(session);
            return;
        }
        EdgeHeartbeat heartbeat = decode(session, record.value());
        if (heartbeat == null) {
            return;
        }
        EdgeLease known = leases.get(session);
        if (known != null && known.expired()) {
            // Its groups are gone; the edge notices the gap in its own heartbeats and rejoins them under a
            // new session, so this one stays expired.
            log.warn("Heartbeat from edge session {} after it was expired; ignored", session);
            return;
        }
        long now = context.currentSystemTimeMs();
        if (watchingSinceMs < 0) {
            watchingSinceMs = now;
        }
        lastActiveMs = now;
        long sessionTtl = Math.max(ttlMs, 3 * heartbeat.getIntervalMs());
        leases.put(session, EdgeLease.heardAt(now, sessionTtl));
        if (known == null) {
            log.info("Edge session {} is live (heartbeat every {} ms, expired after {} ms of silence)", session,
                    heartbeat.getIntervalMs(), sessionTtl);
        }
    }

    private void check(long now) {
        if (watchingSinceMs < 0) {
            watchingSinceMs = now;
        } else if (lastActiveMs >= 0 && now - lastActiveMs > ttlMs) {
            // This task did not run for a TTL (a long pause): heartbeats may be waiting unread, so its own
            // record of silence cannot be trusted until it has watched again for a full TTL.
            log.info("Edge liveness checks were paused for {} ms; expiring nothing for the next {} ms",
                    now - lastActiveMs, ttlMs);
            watchingSinceMs = now;
        }
        lastActiveMs = now;
        List<KeyValue<String, EdgeLease>> all = new ArrayList<>();
        try (KeyValueIterator<String, EdgeLease> iterator = leases.all()) {
            iterator.forEachRemaining(all::add);
        }
        for (KeyValue<String, EdgeLease> entry : all) {
            EdgeLease lease = entry.value;
            if (lease.silentAt(now) && now - watchingSinceMs > lease.ttlMs()) {
                log.info("Edge session {} silent for {} ms: expiring its subscription groups", entry.key,
                        now - lease.lastSeenMs());
                leases.put(entry.key, lease.expireAt(now));
                metrics.edgeExpired();
                toEveryTask(entry.key, new EveryPartition(AvroCodecs.encode(ControlCommand.newBuilder()
                        .setKind(ControlKind.EDGE_EXPIRED).setSession(entry.key).setTs(Instant.ofEpochMilli(now))
                        .build())), now);
            } else if (lease.expired() && now - lease.expiredAtMs() > lease.ttlMs()) {
                leases.delete(entry.key);
                toEveryTask(entry.key, new EveryPartition(null), now);
                context.forward(new Record<>(entry.key, null, now), heartbeatsSink);
            }
        }
    }

    /** Writes a command (or, with a null value, a tombstone) under the session's control key to every task. */
    private void toEveryTask(String session, EveryPartition command, long now) {
        context.forward(new Record<>(SubscriptionKeys.edge(session), command, now), subscriptionsSink);
    }

    private static EdgeHeartbeat decode(String session, byte[] value) {
        try {
            return AvroCodecs.decodeHeartbeat(value);
        } catch (IOException | RuntimeException e) {
            log.warn("Ignoring edge heartbeat with key '{}': not an EdgeHeartbeat ({})", session, e.getMessage());
            return null;
        }
    }
}
