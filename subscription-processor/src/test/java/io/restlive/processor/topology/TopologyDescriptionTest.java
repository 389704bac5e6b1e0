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
                Source: rerouted-changes-source (topics: [rest-live.changes-rerouted])
                  --> decode-changes
                Processor: decode-changes (stores: [])
                  --> membership, dead-letters-sink, rerouted-changes-sink
                  <-- changes-source, rerouted-changes-source
                Source: subscriptions-source (topics: [rest-live.subscriptions])
                  --> decode-commands
                Processor: decode-commands (stores: [])
                  --> membership
                  <-- subscriptions-source
                Processor: membership (stores: [entities, task-position, subscription-pairs])
                  --> broadcasts-sink, dead-letters-sink, forgotten-pairs-sink
                  <-- decode-changes, decode-commands
                Sink: broadcasts-sink (topic: rest-live.broadcasts)
                  <-- membership
                Sink: dead-letters-sink (topic: rest-live.dead-letters)
                  <-- decode-changes, membership
                Sink: forgotten-pairs-sink (topic: rest-live.subscriptions)
                  <-- membership
                Sink: rerouted-changes-sink (topic: rest-live.changes-rerouted)
                  <-- decode-changes

              Sub-topology: 1
                Source: edge-heartbeats-source (topics: [rest-live.edge-heartbeats])
                  --> edge-liveness
                Processor: edge-liveness (stores: [edge-leases])
                  --> ended-sessions-sink, session-commands-sink
                  <-- edge-heartbeats-source
                Sink: ended-sessions-sink (topic: rest-live.edge-heartbeats)
                  <-- edge-liveness
                Sink: session-commands-sink (topic: rest-live.subscriptions)
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
