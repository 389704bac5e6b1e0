package io.restlive.processor.topology;

import io.restlive.core.views.ViewsFile;
import io.restlive.processor.decode.ChangeDecoders;
import io.restlive.processor.groups.GroupIndex;
import io.restlive.processor.membership.MembershipSettings;
import io.restlive.processor.metrics.ProcessorMetrics;
import io.restlive.processor.progress.InputProgress;
import io.restlive.schemas.TopicNames;
import java.time.Duration;

/**
 * Everything the topology is built from.
 *
 * <p>The {@link GroupIndex} and the {@link InputProgress} are part of the settings: the tasks of one
 * instance share them, and whoever builds the topology (the app or a test) keeps a handle on them for
 * metrics, readiness and assertions. {@code build} stays a pure function of this.
 *
 * @param topics the topic names
 * @param views the views file groups are evaluated against
 * @param decoders the accepted change encodings
 * @param groups the groups this instance's tasks hold
 * @param metrics the processor's counters
 * @param edgeTtl the silence after which an edge session's groups are expired
 * @param dataPartitions the partition count of the changes topic (and of the topics read with it); 0 when
 *     unknown, which turns rerouting off (a TopologyTestDriver runs every record in one task)
 * @param keepUnknownModels true to store changes of models no view names instead of dead-lettering them
 * @param membership the tasks' limits and intervals
 * @param progress how far the tasks have read their input, for readiness
 */
public record TopologySettings(TopicNames topics, ViewsFile views, ChangeDecoders decoders, GroupIndex groups,
                               ProcessorMetrics metrics, Duration edgeTtl, int dataPartitions,
                               boolean keepUnknownModels, MembershipSettings membership, InputProgress progress) {

    /** The default of {@code rest-live.edge-ttl}: three of the edges' default 10 s heartbeat intervals. */
    public static final Duration DEFAULT_EDGE_TTL = Duration.ofSeconds(30);

    /** Settings with the standard decoders, a fresh index and the defaults. */
    public static TopologySettings of(TopicNames topics, ViewsFile views, ProcessorMetrics metrics) {
        return of(topics, views, ChangeDecoders.standard(), metrics);
    }

    /** Settings with the given decoders, a fresh index and the defaults. */
    public static TopologySettings of(TopicNames topics, ViewsFile views, ChangeDecoders decoders,
                                      ProcessorMetrics metrics) {
        return new TopologySettings(topics, views, decoders, new GroupIndex(), metrics, DEFAULT_EDGE_TTL, 0, false,
                MembershipSettings.defaults(), InputProgress.untracked());
    }

    /** The same settings with another edge TTL. */
    public TopologySettings withEdgeTtl(Duration ttl) {
        return new TopologySettings(topics, views, decoders, groups, metrics, ttl, dataPartitions, keepUnknownModels,
                membership, progress);
    }

    /** The same settings knowing the changes topic's partition count (which turns rerouting on). */
    public TopologySettings withDataPartitions(int partitions) {
        return new TopologySettings(topics, views, decoders, groups, metrics, edgeTtl, partitions, keepUnknownModels,
                membership, progress);
    }

    /** The same settings keeping (true) or dead-lettering (false) changes of models no view names. */
    public TopologySettings withUnknownModelsKept(boolean keep) {
        return new TopologySettings(topics, views, decoders, groups, metrics, edgeTtl, dataPartitions, keep,
                membership, progress);
    }

    /** The same settings with other membership limits and intervals. */
    public TopologySettings withMembership(MembershipSettings settings) {
        return new TopologySettings(topics, views, decoders, groups, metrics, edgeTtl, dataPartitions,
                keepUnknownModels, settings, progress);
    }

    /** The same settings reporting input progress to {@code tracker}. */
    public TopologySettings withProgress(InputProgress tracker) {
        return new TopologySettings(topics, views, decoders, groups, metrics, edgeTtl, dataPartitions,
                keepUnknownModels, membership, tracker);
    }
}
