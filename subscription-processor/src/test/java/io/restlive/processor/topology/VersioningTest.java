package io.restlive.processor.topology;

import static io.restlive.processor.topology.TestViews.TASK;
import static io.restlive.processor.topology.TestViews.task;
import static io.restlive.schemas.BroadcastAction.CREATED;
import static io.restlive.schemas.BroadcastAction.DELETED;
import static io.restlive.schemas.BroadcastAction.UPDATED;
import static org.assertj.core.api.Assertions.assertThat;

import io.restlive.core.views.LiveUser;
import io.restlive.processor.topology.ProcessorHarness.Entry;
import io.restlive.schemas.AvroCodecs;
import io.restlive.schemas.ControlCommand;
import io.restlive.schemas.ControlKind;
import io.restlive.schemas.SubscriptionKeys;
import java.nio.file.Path;
import java.time.Instant;
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
        // Changes of todolist.Other are kept too: one test resets one model and not the other.
        harness = new ProcessorHarness(TestViews.YAML, stateDir, settings -> settings.withUnknownModelsKept(true));
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

    @Test
    void shouldApplyChangesWhoseVersionsWentBackOnceTheirModelsVersionsAreReset() {
        // given: the source database was restored from a backup; its versions start again
        harness.upsert(TASK, 1, task(1, "Before the restore", false), 7L);
        harness.delete(TASK, 2, 9L);
        harness.upsert(TASK, 1, task(1, "After the restore", false), 2L);
        harness.upsert(TASK, 2, task(2, "Back again", false), 1L);
        assertThat(harness.entries()).containsExactly(new Entry(open, CREATED, task(1, "Before the restore", false)));
        assertThat(harness.metrics().staleChangesDropped()).isEqualTo(2.0);

        // when: an operator resets the model's versions (./rest-live reset-versions --model todolist.Task)
        harness.pipeSubscription(SubscriptionKeys.reset(TASK), AvroCodecs.encode(ControlCommand.newBuilder()
                .setKind(ControlKind.RESET_VERSIONS).setModel(TASK).setTs(Instant.EPOCH).build()));
        harness.upsert(TASK, 1, task(1, "After the restore", false), 2L);
        harness.upsert(TASK, 2, task(2, "Back again", false), 1L);

        // then
        assertThat(harness.entries()).containsExactly(
                new Entry(open, UPDATED, task(1, "After the restore", false)),
                new Entry(open, CREATED, task(2, "Back again", false)));
    }

    @Test
    void shouldResetNoOtherModelsVersions() {
        // given
        harness.upsert("todolist.Other", 1, "{\"id\":1}", 5L);

        // when
        harness.pipeSubscription(SubscriptionKeys.reset(TASK), AvroCodecs.encode(ControlCommand.newBuilder()
                .setKind(ControlKind.RESET_VERSIONS).setModel(TASK).setTs(Instant.EPOCH).build()));
        harness.upsert("todolist.Other", 1, "{\"id\":1}", 4L);

        // then
        assertThat(harness.metrics().staleChangesDropped()).isEqualTo(1.0);
    }
}
