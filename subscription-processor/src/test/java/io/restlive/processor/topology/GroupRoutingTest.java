package io.restlive.processor.topology;

import static io.restlive.processor.topology.TestViews.TASK;
import static io.restlive.processor.topology.TestViews.task;
import static io.restlive.schemas.BroadcastAction.CREATED;
import static io.restlive.schemas.BroadcastAction.DELETED;
import static io.restlive.schemas.BroadcastAction.UPDATED;
import static org.assertj.core.api.Assertions.assertThat;

import io.restlive.core.json.Json;
import io.restlive.core.views.LiveUser;
import io.restlive.processor.topology.ProcessorHarness.Entry;
import io.restlive.schemas.AvroCodecs;
import io.restlive.schemas.EdgeBroadcast;
import io.restlive.schemas.GroupSpec;
import java.nio.file.Path;
import java.util.List;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GroupRoutingTest {

    @TempDir
    Path stateDir;
    private ProcessorHarness harness;

    @BeforeEach
    void start() {
        harness = new ProcessorHarness(TestViews.YAML, stateDir);
    }

    @AfterEach
    void close() {
        harness.close();
    }

    @Test
    void shouldSendARetrieveGroupOnlyTheChangesOfItsOwnPk() {
        // given
        String one = harness.joinRetrieve("open-tasks", Json.NODES.numberNode(1), LiveUser.ANONYMOUS, "edge-1");

        // when
        harness.upsert(TASK, 2, task(2, "Bread", false), null);
        harness.upsert(TASK, 1, task(1, "Milk", false), null);

        // then
        assertThat(harness.entries()).containsExactly(new Entry(one, CREATED, task(1, "Milk", false)));
    }

    @Test
    void shouldKeepFollowingARetrievedInstanceWhenItsLookupFieldChanges() {
        // given
        String byText = harness.joinRetrieve("task-by-text", Json.NODES.numberNode(1), LiveUser.ANONYMOUS, "edge-1");
        harness.upsert(TASK, 1, task(1, "Milk", false), null);
        harness.broadcasts();

        // when
        harness.upsert(TASK, 1, task(1, "Oat milk", false), null);
        harness.upsert(TASK, 1, task(1, "Soy milk", false), null);

        // then
        assertThat(harness.entries()).containsExactly(
                new Entry(byText, UPDATED, task(1, "Oat milk", false)),
                new Entry(byText, UPDATED, task(1, "Soy milk", false)));
    }

    @Test
    void shouldCarryTheLookupFieldInTheDeletedPayload() {
        // given
        String byText = harness.joinRetrieve("task-by-text", Json.NODES.numberNode(1), LiveUser.ANONYMOUS, "edge-1");
        harness.upsert(TASK, 1, task(1, "Milk", false), null);
        harness.broadcasts();

        // when
        harness.delete(TASK, 1, null);

        // then
        assertThat(harness.entries()).containsExactly(new Entry(byText, DELETED, "{\"text\":\"Milk\",\"id\":1}"));
    }

    @Test
    void shouldWriteOneEntryPerChangeAndSlotForAGroupJoinedByThreeEdges() {
        // given: edges 1 and 2 read slot 0, edge 3 reads slot 4
        String group = harness.joinList("open-tasks", "{}", LiveUser.ANONYMOUS, "edge-1");
        harness.joinList("open-tasks", "{}", LiveUser.ANONYMOUS, "edge-2");
        harness.join(harness.spec("open-tasks", "list", null, "{}", LiveUser.ANONYMOUS), "edge-3",
                command -> command.setSlot(4));
        harness.drain();

        // when
        harness.upsert(TASK, 1, task(1, "Milk", false), null);

        // then: the group is rendered once, one record per slot
        List<TestRecord<String, byte[]>> records = harness.broadcastRecords();
        assertThat(records).hasSize(2);
        assertThat(ProcessorHarness.frames(records.stream().map(r -> decode(r.value())).toList()))
                .extracting(ProcessorHarness.Frame::group).containsExactly(group, group);
        assertThat(harness.sessions(group)).containsExactlyInAnyOrder("edge-1", "edge-2", "edge-3");
    }

    private static EdgeBroadcast decode(byte[] value) {
        try {
            return AvroCodecs.decodeBroadcast(value);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void shouldRemoveAGroupOnlyAfterItsLastEdgeLeaves() {
        // given
        String group = harness.joinList("open-tasks", "{}", LiveUser.ANONYMOUS, "edge-1");
        harness.joinList("open-tasks", "{}", LiveUser.ANONYMOUS, "edge-2");
        harness.joinList("open-tasks", "{}", LiveUser.ANONYMOUS, "edge-3");

        // when
        harness.leave(group, "edge-1");
        harness.leaveWithNullSpec(group, "edge-2");
        harness.upsert(TASK, 1, task(1, "Milk", false), null);

        // then
        assertThat(harness.entries()).containsExactly(new Entry(group, CREATED, task(1, "Milk", false)));

        // when
        harness.leave(group, "edge-3");
        harness.upsert(TASK, 1, task(1, "Oat milk", false), null);

        // then
        assertThat(harness.broadcasts()).isEmpty();
        assertThat(harness.groups().size()).isZero();
    }

    @Test
    void shouldMoveATaskBetweenEqualityIndexedListGroups() {
        // given
        String list1 = harness.joinList("list-tasks", "{\"list\":\"1\"}", LiveUser.ANONYMOUS, "edge-1");
        String list2 = harness.joinList("list-tasks", "{\"list\":\"2\"}", LiveUser.ANONYMOUS, "edge-1");
        String list3 = harness.joinList("list-tasks", "{\"list\":\"3\"}", LiveUser.ANONYMOUS, "edge-1");
        assertThat(harness.groups().group(list1).orElseThrow().isIndexed()).isTrue();
        harness.upsert(TASK, 1, "{\"id\":1,\"list\":1}", null);
        assertThat(harness.entries()).containsExactly(new Entry(list1, CREATED, "{\"id\":1,\"list\":1}"));

        // when
        harness.upsert(TASK, 1, "{\"id\":1,\"list\":2}", null);

        // then
        assertThat(harness.entries()).containsExactlyInAnyOrder(
                new Entry(list1, DELETED, "{\"pk\":1,\"id\":1}"),
                new Entry(list2, CREATED, "{\"id\":1,\"list\":2}"))
                .noneMatch(entry -> entry.group().equals(list3));
    }

    @Test
    void shouldIgnoreGroupsOfViewsThisProcessorDoesNotKnow() {
        // given
        String unknown = harness.join(GroupSpec.newBuilder(harness.spec("open-tasks", "list", null, "{}",
                LiveUser.ANONYMOUS)).setView("not-in-this-file").build(), "edge-1");

        // when
        harness.upsert(TASK, 1, task(1, "Milk", false), null);

        // then: the edge is told it will never be live
        assertThat(harness.groups().group(unknown)).isEmpty();
        assertThat(harness.broadcasts()).isEmpty();
        harness.join(GroupSpec.newBuilder(harness.spec("open-tasks", "list", null, "{}", LiveUser.ANONYMOUS))
                .setView("not-in-this-file").build(), "edge-2");
        assertThat(harness.notices()).singleElement().satisfies(notice -> {
            assertThat(notice.getKind()).isEqualTo(io.restlive.schemas.NoticeKind.INCOMPLETE);
            assertThat(notice.getDetail()).contains("not-in-this-file");
        });
    }
}
