package io.restlive.processor.topology;

import io.restlive.core.views.ViewsFile;
import io.restlive.processor.catchup.PendingCatchUps;
import io.restlive.processor.decode.ChangeDecoders;
import io.restlive.processor.entities.EntityPartitions;
import io.restlive.processor.groups.GroupIndex;
import io.restlive.processor.metrics.ProcessorMetrics;
import io.restlive.schemas.TopicNames;
import java.time.Duration;

/**
 * Everything the topology is built from.
 *
 * <p>The {@link GroupIndex} is part of the settings: the global processor writes it and the membership
 * processors read it, so one instance must reach both, and whoever builds the topology (the app or a
 * test) keeps a handle on it for metrics and assertions. {@code build} stays a pure function of this.
 *
 * @param topics the topic names
 * @param views the views file groups are evaluated against
 * @param decoders the accepted change encodings
 * @param groups the live groups, shared between the global thread and the stream threads
 * @param catchUps the catch-ups retrieve subscribers requested, shared the same way
 * @param metrics the processor's counters
 * @param edgeTtl the silence after which an edge session's groups are expired
 * @param entityPartitions where each entity is stored, so that the owner task can tell a deleted entity
 *     from one another task stores ({@link EntityPartitions#UNKNOWN} until the runtime knows)
 */
public record TopologySettings(TopicNames topics, ViewsFile views, ChangeDecoders decoders, GroupIndex groups,
                               PendingCatchUps catchUps, ProcessorMetrics metrics, Duration edgeTtl,
                               EntityPartitions entityPartitions) {

    /** The default of {@code rest-live.edge-ttl}: three of the edges' default 10 s heartbeat intervals. */
    public static final Duration DEFAULT_EDGE_TTL = Duration.ofSeconds(30);

    /** Settings with the standard decoders, a fresh index and no pending catch-up. */
    public static TopologySettings of(TopicNames topics, ViewsFile views, ProcessorMetrics metrics) {
        return of(topics, views, ChangeDecoders.standard(), metrics);
    }

    /** Settings with the given decoders and a fresh index. */
    public static TopologySettings of(TopicNames topics, ViewsFile views, ChangeDecoders decoders,
                                      ProcessorMetrics metrics) {
        return new TopologySettings(topics, views, decoders, new GroupIndex(), new PendingCatchUps(), metrics,
                DEFAULT_EDGE_TTL, EntityPartitions.UNKNOWN);
    }

    /** The same settings with another edge TTL. */
    public TopologySettings withEdgeTtl(Duration ttl) {
        return new TopologySettings(topics, views, decoders, groups, catchUps, metrics, ttl, entityPartitions);
    }

    /** The same settings with another source of entity partitions. */
    public TopologySettings withEntityPartitions(EntityPartitions partitions) {
        return new TopologySettings(topics, views, decoders, groups, catchUps, metrics, edgeTtl, partitions);
    }
}
