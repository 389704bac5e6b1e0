package io.restlive.processor.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.restlive.core.views.ViewsFile;
import io.restlive.processor.metrics.ProcessorMetrics;
import org.junit.jupiter.api.Test;

class TopologyDescriptionTest {

    /** Renaming a node or store orphans state and changelog topics: change this only on purpose. */
    private static final String EXPECTED = """
            Topologies:
               Sub-topology: 0
                Source: changes-source (topics: [rest-live.changes])
                  --> decode-changes
                Processor: decode-changes (stores: [])
                  --> dead-letters-sink, membership
                  <-- changes-source
                Processor: membership (stores: [entities])
                  --> broadcasts-sink
                  <-- decode-changes
                Sink: broadcasts-sink (topic: rest-live.broadcasts)
                  <-- membership
                Sink: dead-letters-sink (topic: rest-live.dead-letters)
                  <-- decode-changes

              Sub-topology: 1 for global store (will not generate tasks)
                Source: subscriptions-source (topics: [rest-live.subscriptions])
                  --> subscription-groups-updater
                Processor: subscription-groups-updater (stores: [subscription-groups])
                  --> none
                  <-- subscriptions-source
              Sub-topology: 2
                Source: edge-heartbeats-source (topics: [rest-live.edge-heartbeats])
                  --> edge-liveness
                Processor: edge-liveness (stores: [edge-leases])
                  --> ended-sessions-sink, expired-pairs-sink
                  <-- edge-heartbeats-source
                Sink: ended-sessions-sink (topic: rest-live.edge-heartbeats)
                  <-- edge-liveness
                Sink: expired-pairs-sink (topic: rest-live.subscriptions)
                  <-- edge-liveness

            """;

    @Test
    void shouldKeepTheNamesOfEveryNodeAndStore() {
        // given
        TopologySettings settings = TopologySettings.of(ProcessorHarness.TOPICS,
                ViewsFile.parse(TestViews.YAML, "test"), ProcessorMetrics.inMemory());

        // when
        String description = SubscriptionTopology.build(settings).describe().toString();

        // then
        assertThat(description).isEqualTo(EXPECTED);
    }
}
