package io.restlive.processor.topology;

import static io.restlive.processor.topology.TestViews.TASK;
import static io.restlive.processor.topology.TestViews.task;
import static io.restlive.schemas.BroadcastAction.CREATED;
import static io.restlive.schemas.BroadcastAction.DELETED;
import static io.restlive.schemas.BroadcastAction.UPDATED;
import static org.assertj.core.api.Assertions.assertThat;

import io.restlive.core.views.LiveUser;
import io.restlive.processor.topology.ProcessorHarness.Entry;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VersioningTest {

    @TempDir
    Path stateDir;
    private ProcessorHarness harness;
    private String open;

    @BeforeEach
    void joinOpenTasks() {
        harness = new ProcessorHarness(TestViews.YAML, stateDir);
        open = harness.joinList("open-tasks", "{}", LiveUser.ANONYMOUS, "edge-1");
    }

    @AfterEach
    void close() {
        harness.close();
    }

    @Test
    void shouldDropDuplicateAndStaleVersions() {
        // given
        harness.upsert(TASK, 1, task(1, "v2", false), 2L);

        // when
        harness.upsert(TASK, 1, task(1, "v2 again", false), 2L);
        harness.upsert(TASK, 1, task(1, "v1", false), 1L);
        harness.upsert(TASK, 1, task(1, "v3", false), 3L);

        // then
        assertThat(harness.entries()).containsExactly(
                new Entry(open, CREATED, task(1, "v2", false)),
                new Entry(open, UPDATED, task(1, "v3", false)));
        assertThat(harness.metrics().staleChangesDropped()).isEqualTo(2.0);
    }

    @Test
    void shouldNotResurrectAnEntityWithAStaleUpsertAfterAVersionedDelete() {
        // given
        harness.upsert(TASK, 1, task(1, "Milk", false), 1L);
        harness.delete(TASK, 1, 2L);
        assertThat(harness.entries()).containsExactly(
                new Entry(open, CREATED, task(1, "Milk", false)),
                new Entry(open, DELETED, "{\"pk\":1,\"id\":1}"));

        // when
        harness.upsert(TASK, 1, task(1, "Milk", false), 1L);
        harness.upsert(TASK, 1, task(1, "Milk", false), 2L);

        // then
        assertThat(harness.broadcasts()).isEmpty();

        // when
        harness.upsert(TASK, 1, task(1, "Milk", false), 3L);

        // then
        assertThat(harness.entries()).containsExactly(new Entry(open, CREATED, task(1, "Milk", false)));
    }

    @Test
    void shouldApplyChangesWithoutVersionsInArrivalOrder() {
        // given
        harness.upsert(TASK, 1, task(1, "a", false), 5L);

        // when
        harness.upsert(TASK, 1, task(1, "b", false), null);

        // then
        assertThat(harness.entries()).containsExactly(
                new Entry(open, CREATED, task(1, "a", false)),
                new Entry(open, UPDATED, task(1, "b", false)));
    }
}
