package io.restlive.processor.topology;

import static io.restlive.processor.topology.TestViews.TASK;
import static io.restlive.processor.topology.TestViews.task;
import static io.restlive.schemas.BroadcastAction.CREATED;
import static io.restlive.schemas.BroadcastAction.DELETED;
import static io.restlive.schemas.BroadcastAction.UPDATED;
import static org.assertj.core.api.Assertions.assertThat;

import io.restlive.core.kafka.EntityPartitioner;
import io.restlive.core.views.LiveUser;
import io.restlive.processor.topology.ProcessorHarness.Entry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The processor owns partitioning: a change found on another partition than its entity's (the driver
 * delivers every record on partition 0 of six) goes through the rerouted-changes topic to its entity's
 * partition, keyed by entity, and comes out exactly as a canonically keyed one would.
 */
class ReroutingTest {

    private static final int PARTITIONS = 6;

    @TempDir
    Path stateDir;
    private ProcessorHarness harness;
    private String open;

    @BeforeEach
    void start() {
        harness = new ProcessorHarness(TestViews.YAML, stateDir, settings -> settings.withDataPartitions(PARTITIONS));
        open = harness.joinList("open-tasks", "{}", LiveUser.ANONYMOUS, "edge-1");
        harness.drain();
    }

    @AfterEach
    void close() {
        harness.close();
    }

    @Test
    void shouldRerouteChangesOfEntitiesOwnedByAnotherPartitionAndApplyThemThere() {
        // given: an entity partition 0 does not own, and one it does
        int elsewhere = pkOwnedBy(p -> p != 0);
        int here = pkOwnedBy(p -> p == 0);

        // when: both arrive on partition 0, keyed any old way
        harness.upsert(TASK, elsewhere, task(elsewhere, "Elsewhere", false), null);
        harness.upsert(TASK, here, task(here, "Here", false), null);
        harness.upsert(TASK, elsewhere, task(elsewhere, "Elsewhere", true), null);

        // then: only the first and last went through the rerouted topic, keyed by entity
        assertThat(harness.rerouted()).extracting(r -> new String(r.key(), StandardCharsets.UTF_8))
                .containsExactly(TASK + "|" + elsewhere, TASK + "|" + elsewhere);
        assertThat(harness.metrics().changesRerouted()).isEqualTo(2);
        // and every change was applied once, in its producer's order
        assertThat(harness.entries()).containsExactly(
                new Entry(open, CREATED, task(elsewhere, "Elsewhere", false)),
                new Entry(open, CREATED, task(here, "Here", false)),
                new Entry(open, DELETED, "{\"pk\":" + elsewhere + ",\"id\":" + elsewhere + "}"));
        assertThat(harness.metrics().changesProcessed()).isEqualTo(3);
    }

    @Test
    void shouldRouteByTheEnvelopeWhateverTheRecordKeySays() {
        // given
        int pk = pkOwnedBy(p -> p != 0);

        // when: a key that disagrees with the envelope
        harness.pipe(("todolist.Task:" + pk).getBytes(StandardCharsets.UTF_8), ("{\"model\":\"todolist.Task\",\"pk\":" + pk
                + ",\"op\":\"UPSERT\",\"instance\":" + task(pk, "Milk", false) + "}").getBytes(StandardCharsets.UTF_8));
        harness.upsert(TASK, pk, task(pk, "Oat milk", false), null);

        // then: one entity, one history
        assertThat(harness.entries()).containsExactly(new Entry(open, CREATED, task(pk, "Milk", false)),
                new Entry(open, UPDATED, task(pk, "Oat milk", false)));
    }

    private static int pkOwnedBy(java.util.function.IntPredicate partition) {
        for (int pk = 1; ; pk++) {
            if (partition.test(EntityPartitioner.partitionOf(TASK + "|" + pk, PARTITIONS))) {
                return pk;
            }
        }
    }
}
