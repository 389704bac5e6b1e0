package io.restlive.processor.topology;

import static io.restlive.processor.topology.TestViews.TASK;
import static io.restlive.processor.topology.TestViews.task;
import static io.restlive.processor.topology.TestViews.user;
import static io.restlive.schemas.BroadcastAction.CREATED;
import static io.restlive.schemas.BroadcastAction.DELETED;
import static io.restlive.schemas.BroadcastAction.UPDATED;
import static org.assertj.core.api.Assertions.assertThat;

import io.restlive.core.views.LiveUser;
import io.restlive.processor.topology.ProcessorHarness.Entry;
import io.restlive.schemas.AvroCodecs;
import io.restlive.schemas.ChangeFrames;
import io.restlive.schemas.EdgeBroadcast;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MembershipTransitionsTest {

    @TempDir
    Path stateDir;
    private ProcessorHarness harness;
    private String open;

    @BeforeEach
    void joinOpenTasks() {
        harness = new ProcessorHarness(TestViews.YAML, stateDir);
        open = harness.joinList("open-tasks", "{}", LiveUser.ANONYMOUS, "edge-1");
        harness.drain();
    }

    private static EdgeBroadcast decode(byte[] value) {
        try {
            return AvroCodecs.decodeBroadcast(value);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @AfterEach
    void close() {
        harness.close();
    }

    @Test
    void shouldBroadcastCreatedWhenANewInstanceIsInTheView() {
        // when
        harness.upsert(TASK, 1, task(1, "Milk", false), null);

        // then
        List<TestRecord<String, byte[]>> records = harness.broadcastRecords();
        assertThat(records).hasSize(1);
        assertThat(records.get(0).key()).isEqualTo("todolist.Task|1");
        ChangeFrames broadcast = decode(records.get(0).value()).getChange();
        assertThat(broadcast.getModel()).isEqualTo(TASK);
        assertThat(broadcast.getPk()).isEqualTo("1");
        assertThat(broadcast.getTs()).isEqualTo(Instant.ofEpochMilli(1000));
        assertThat(broadcast.getLast()).isTrue();
        assertThat(broadcast.getEntries()).hasSize(1);
        assertThat(new Entry(broadcast.getEntries().get(0).getGroupKey(), broadcast.getEntries().get(0).getAction(),
                broadcast.getPayloads().get(broadcast.getEntries().get(0).getPayload())))
                .isEqualTo(new Entry(open, CREATED, task(1, "Milk", false)));
    }

    @Test
    void shouldBroadcastCreatedWhenAnUpdateBringsAnInstanceIntoTheView() {
        // given
        harness.upsert(TASK, 1, task(1, "Milk", true), null);

        // when
        harness.upsert(TASK, 1, task(1, "Milk", false), null);

        // then
        assertThat(harness.entries()).containsExactly(new Entry(open, CREATED, task(1, "Milk", false)));
    }

    @Test
    void shouldBroadcastUpdatedWhenAnInstanceChangesInsideTheView() {
        // given
        harness.upsert(TASK, 1, task(1, "Milk", false), null);
        harness.broadcasts();

        // when
        harness.upsert(TASK, 1, task(1, "Oat milk", false), null);

        // then
        assertThat(harness.entries()).containsExactly(new Entry(open, UPDATED, task(1, "Oat milk", false)));
    }

    @Test
    void shouldBroadcastUpdatedEvenWhenNothingChanged() {
        // given
        harness.upsert(TASK, 1, task(1, "Milk", false), null);
        harness.broadcasts();

        // when
        harness.upsert(TASK, 1, task(1, "Milk", false), null);

        // then
        assertThat(harness.entries()).containsExactly(new Entry(open, UPDATED, task(1, "Milk", false)));
    }

    @Test
    void shouldBroadcastDeletedWhenAnUpdateMovesAnInstanceOutOfTheView() {
        // given
        harness.upsert(TASK, 1, task(1, "Milk", false), null);
        harness.broadcasts();

        // when
        harness.upsert(TASK, 1, task(1, "Milk", true), null);

        // then
        assertThat(harness.entries()).containsExactly(new Entry(open, DELETED, "{\"pk\":1,\"id\":1}"));
    }

    @Test
    void shouldBroadcastNothingWhenAnInstanceStaysOutOfTheView() {
        // given
        harness.upsert(TASK, 1, task(1, "Milk", true), null);

        // when
        harness.upsert(TASK, 1, task(1, "Oat milk", true), null);

        // then
        assertThat(harness.broadcasts()).isEmpty();
    }

    @Test
    void shouldBroadcastDeletedWhenAnInstanceInTheViewIsDeleted() {
        // given
        harness.upsert(TASK, 1, task(1, "Milk", false), null);
        harness.broadcasts();

        // when
        harness.delete(TASK, 1, null);

        // then
        assertThat(harness.entries()).containsExactly(new Entry(open, DELETED, "{\"pk\":1,\"id\":1}"));
    }

    @Test
    void shouldBroadcastNothingWhenAnInstanceOutsideTheViewOrUnknownIsDeleted() {
        // given
        harness.upsert(TASK, 1, task(1, "Milk", true), null);

        // when
        harness.delete(TASK, 1, null);
        harness.delete(TASK, 99, null);

        // then
        assertThat(harness.broadcasts()).isEmpty();
    }

    @Test
    void shouldBroadcastCreatedAgainAfterADeletedInstanceIsRecreated() {
        // given
        harness.upsert(TASK, 1, task(1, "Milk", false), null);
        harness.delete(TASK, 1, null);
        harness.broadcasts();

        // when
        harness.upsert(TASK, 1, task(1, "Milk", false), null);

        // then
        assertThat(harness.entries()).containsExactly(new Entry(open, CREATED, task(1, "Milk", false)));
    }

    @Test
    void shouldBroadcastDeletedWhenObjectPermissionIsLostAndCreatedWhenRegained() {
        // given
        String alices = harness.joinList("my-tasks", "{}", user("alice"), "edge-1");
        String mine = "{\"id\":1,\"owner\":\"alice\"}";
        String bobs = "{\"id\":1,\"owner\":\"bob\"}";
        harness.upsert(TASK, 1, mine, null);
        assertThat(harness.entries()).contains(new Entry(alices, CREATED, mine));

        // when
        harness.upsert(TASK, 1, bobs, null);

        // then
        assertThat(harness.entries()).contains(new Entry(alices, DELETED, "{\"pk\":1,\"id\":1}"));

        // when
        harness.upsert(TASK, 1, mine, null);

        // then
        assertThat(harness.entries()).contains(new Entry(alices, CREATED, mine));
    }

    @Test
    void shouldRenderCamelCaseNamesAndComputedFields() {
        // given
        String fancy = harness.joinList("fancy-tasks", "{}", LiveUser.ANONYMOUS, "edge-1");

        // when
        harness.upsert(TASK, 1, "{\"id\":1,\"text\":\"Milk\",\"due_date\":\"2030-01-01\",\"secret\":1}", null);

        // then
        assertThat(harness.entries()).contains(new Entry(fancy, CREATED,
                "{\"id\":1,\"text\":\"Milk\",\"dueDate\":\"2030-01-01\",\"textLength\":4}"));
    }
}
