package io.restlive.processor.topology;

import static io.restlive.processor.topology.TestViews.TASK;
import static io.restlive.processor.topology.TestViews.task;
import static org.assertj.core.api.Assertions.assertThat;

import io.restlive.core.views.LiveUser;
import io.restlive.processor.decode.DeadLetters;
import io.restlive.schemas.AvroCodecs;
import io.restlive.schemas.ControlCommand;
import io.restlive.schemas.ControlKind;
import io.restlive.schemas.EdgeBroadcast;
import io.restlive.schemas.NoticeKind;
import io.restlive.schemas.SubscriptionKeys;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Edge sessions as a task sees them (started, told positions, gone), and changes of models no view names. */
class SessionsAndModelsTest {

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
    void shouldTellAStartingEdgeItsPositionAndKeepItsSlotToldWhileTheTaskMoves() {
        // when: an edge session starts on slot 3
        harness.startEdge("edge-1#a", 3);

        // then: a marker at once
        List<EdgeBroadcast> first = harness.drain();
        assertThat(first).singleElement().satisfies(marker -> {
            assertThat(marker.getChange()).isNull();
            assertThat(marker.getNotices()).isEmpty();
        });

        // when: changes move the task; then time passes
        harness.upsert(TASK, 1, task(1, "Milk", false), null);
        harness.upsert(TASK, 2, task(2, "Bread", false), null);
        harness.advanceWallClock(Duration.ofMillis(250));

        // then: a marker at the new position (nobody holds a group, so no frame went there)
        List<EdgeBroadcast> later = harness.drain();
        assertThat(later).singleElement().satisfies(marker ->
                assertThat(marker.getPosition().getSeq()).isEqualTo(first.get(0).getPosition().getSeq() + 2));

        // when: nothing moves
        harness.advanceWallClock(Duration.ofMillis(250));

        // then: nothing more
        assertThat(harness.drain()).isEmpty();
    }

    @Test
    void shouldForgetAGoneSessionsPairsAndTombstoneThem() {
        // given
        harness.startEdge("edge-1#a", 0);
        String mine = harness.joinList("open-tasks", "{}", LiveUser.ANONYMOUS, "edge-1#a");
        String shared = harness.joinList("list-tasks", "{\"list\":1}", LiveUser.ANONYMOUS, "edge-1#a");
        harness.joinList("list-tasks", "{\"list\":1}", LiveUser.ANONYMOUS, "edge-2#b");
        harness.subscriptionsWritten();

        // when: the edge ends its session
        harness.pipeSubscription(SubscriptionKeys.edge("edge-1#a"), null);

        // then
        assertThat(harness.groups().group(mine)).isEmpty();
        assertThat(harness.sessions(shared)).containsExactly("edge-2#b");
        assertThat(harness.subscriptionsWritten()).extracting(TestRecord::key, TestRecord::value)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple(SubscriptionKeys.pair(mine, "edge-1#a"), null),
                        org.assertj.core.groups.Tuple.tuple(SubscriptionKeys.pair(shared, "edge-1#a"), null));
    }

    @Test
    void shouldTellAnExpiredSessionOnItsSlotThatItsPairsAreForgotten() {
        // given: a session holding a group
        harness.startEdge("edge-1#a", 0);
        harness.joinList("open-tasks", "{}", LiveUser.ANONYMOUS, "edge-1#a");
        harness.drain();

        // when: the processor expires it (its heartbeats were not read in time)
        harness.pipeSubscription(SubscriptionKeys.edge("edge-1#a"), AvroCodecs.encode(ControlCommand.newBuilder()
                .setKind(ControlKind.EDGE_EXPIRED).setSession("edge-1#a").setTs(Instant.EPOCH).build()));

        // then: an EXPIRED notice to the session, so that an edge that is alive joins its groups again
        assertThat(harness.notices()).singleElement().satisfies(notice -> {
            assertThat(notice.getKind()).isEqualTo(NoticeKind.EXPIRED);
            assertThat(notice.getTarget()).isEqualTo("edge-1#a");
        });
    }

    @Test
    void shouldDeadLetterChangesOfModelsNoViewNames() {
        // when
        harness.upsert("todolist.Unknown", 1, "{\"id\":1}", null);
        harness.upsert(TASK, 1, task(1, "Milk", false), null);

        // then
        assertThat(harness.deadLetters()).singleElement().satisfies(letter -> {
            assertThat(header(letter, DeadLetters.KIND)).isEqualTo("unknown-model");
            assertThat(header(letter, DeadLetters.REASON)).contains("todolist.Unknown").contains("rest-live.unknown-models");
        });
        assertThat(harness.metrics().changesProcessed()).isEqualTo(1);
    }

    @Test
    void shouldKeepChangesOfModelsNoViewNamesWhenToldTo() {
        // given
        harness.close();
        harness = new ProcessorHarness(TestViews.YAML, stateDir.resolve("keep"), s -> s.withUnknownModelsKept(true));

        // when
        harness.upsert("todolist.Unknown", 1, "{\"id\":1}", null);

        // then
        assertThat(harness.deadLetters()).isEmpty();
        assertThat(harness.metrics().changesProcessed()).isEqualTo(1);
    }

    private static String header(TestRecord<byte[], byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
