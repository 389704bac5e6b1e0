package io.restlive.processor.topology;

import static io.restlive.processor.topology.TestViews.TASK;
import static io.restlive.processor.topology.TestViews.task;
import static io.restlive.schemas.BroadcastAction.CREATED;
import static io.restlive.schemas.BroadcastAction.DELETED;
import static io.restlive.schemas.BroadcastAction.UPDATED;
import static org.assertj.core.api.Assertions.assertThat;

import io.restlive.core.json.Json;
import io.restlive.core.views.LiveUser;
import io.restlive.processor.topology.ProcessorHarness.Frame;
import io.restlive.schemas.GroupSpec;
import io.restlive.schemas.Notice;
import io.restlive.schemas.NoticeKind;
import io.restlive.schemas.TaskPosition;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A join reaches its task after the edge accepted the subscriber; every change the task applied in between
 * reaches that subscriber first, in order, then the notice, then the live frames, nothing twice.
 */
class LiveFromAcceptanceTest {

    @TempDir
    Path stateDir;
    private ProcessorHarness harness;

    @BeforeEach
    void start() {
        harness = new ProcessorHarness(TestViews.YAML, stateDir);
        harness.upsert(TASK, 9, task(9, "Before acceptance", false), null);
    }

    @AfterEach
    void close() {
        harness.close();
    }

    @Test
    void shouldReplayEveryChangeBetweenAcceptanceAndTheJoinToTheListSubscriberInOrder() {
        // given: the edge accepted a list subscriber here
        TaskPosition accepted = harness.positionOfTask();
        harness.upsert(TASK, 1, task(1, "Created", false), null);
        harness.upsert(TASK, 1, task(1, "Updated", false), null);
        harness.upsert(TASK, 2, task(2, "Moves out", false), null);
        harness.upsert(TASK, 2, task(2, "Moves out", true), null);
        harness.upsert(TASK, 3, task(3, "Deleted", false), null);
        harness.delete(TASK, 3, null);
        harness.drain();

        // when: its join reaches the task only now
        GroupSpec open = harness.spec("open-tasks", "list", null, "{}", LiveUser.ANONYMOUS);
        String group = harness.join(open, "edge-1#a", command -> command.setCut(List.of(accepted)));
        harness.upsert(TASK, 1, task(1, "Live", false), null);

        // then: the replay, addressed to the session, in change order; then the live frame; nothing twice
        List<Frame> frames = harness.frames();
        assertThat(frames).extracting(Frame::action, Frame::instance, Frame::target).containsExactly(
                org.assertj.core.groups.Tuple.tuple(CREATED, task(1, "Created", false), "edge-1#a"),
                org.assertj.core.groups.Tuple.tuple(UPDATED, task(1, "Updated", false), "edge-1#a"),
                org.assertj.core.groups.Tuple.tuple(CREATED, task(2, "Moves out", false), "edge-1#a"),
                org.assertj.core.groups.Tuple.tuple(DELETED, "{\"pk\":2,\"id\":2}", "edge-1#a"),
                org.assertj.core.groups.Tuple.tuple(CREATED, task(3, "Deleted", false), "edge-1#a"),
                org.assertj.core.groups.Tuple.tuple(DELETED, "{\"pk\":3,\"id\":3}", "edge-1#a"),
                org.assertj.core.groups.Tuple.tuple(UPDATED, task(1, "Live", false), null));
        assertThat(frames).extracting(Frame::group).containsOnly(group);
        assertThat(frames).extracting(Frame::seq).isSorted().doesNotHaveDuplicates();
        assertThat(harness.metrics().replayedFrames()).isEqualTo(6);
    }

    @Test
    void shouldSayTheJoinIsLiveFromTheTasksPositionAfterTheReplay() {
        // given
        TaskPosition accepted = harness.positionOfTask();
        harness.upsert(TASK, 1, task(1, "Milk", false), null);
        harness.drain();

        // when
        harness.join(harness.spec("open-tasks", "list", null, "{}", LiveUser.ANONYMOUS), "edge-1#a",
                command -> command.setCut(List.of(accepted)).setTarget("subscriber-7"));

        // then
        List<Notice> notices = harness.notices();
        assertThat(notices).singleElement().satisfies(notice -> {
            assertThat(notice.getKind()).isEqualTo(NoticeKind.LIVE);
            assertThat(notice.getTarget()).isEqualTo("subscriber-7");
        });
    }

    @Test
    void shouldReplayOnlyTheRetrievedEntitysChangesToARetrieveSubscriber() {
        // given
        TaskPosition accepted = harness.positionOfTask();
        harness.upsert(TASK, 1, task(1, "Mine", false), null);
        harness.upsert(TASK, 2, task(2, "Another", false), null);
        harness.drain();

        // when
        harness.join(harness.spec("open-tasks", "retrieve", Json.NODES.numberNode(1), "{}", LiveUser.ANONYMOUS),
                "edge-1#a", command -> command.setCut(List.of(accepted)));

        // then
        assertThat(harness.frames()).extracting(Frame::action, Frame::instance)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(CREATED, task(1, "Mine", false)));
    }

    @Test
    void shouldReplayNothingToAJoinWithoutACut() {
        // given
        harness.upsert(TASK, 1, task(1, "Milk", false), null);
        harness.drain();

        // when
        harness.joinList("open-tasks", "{}", LiveUser.ANONYMOUS, "edge-1#a");

        // then
        assertThat(harness.frames()).isEmpty();
    }

    @Test
    void shouldSayTheReplayIsIncompleteWhenTheHistoryDoesNotReachBackToTheCut() {
        // given: a task that keeps two changes only
        harness.close();
        harness = new ProcessorHarness(TestViews.YAML, stateDir.resolve("short"), settings -> settings.withMembership(
                new io.restlive.processor.membership.MembershipSettings(512 * 1024, 1_000_000, 2,
                        java.time.Duration.ofMinutes(5), java.time.Duration.ofMillis(200))));
        TaskPosition accepted = harness.positionOfTask();
        for (int i = 1; i <= 4; i++) {
            harness.upsert(TASK, i, task(i, "T" + i, false), null);
        }
        harness.drain();

        // when
        harness.join(harness.spec("open-tasks", "list", null, "{}", LiveUser.ANONYMOUS), "edge-1#a",
                command -> command.setCut(List.of(accepted)));

        // then: what it has is sent, and the edge is told the rest is missing
        List<io.restlive.schemas.EdgeBroadcast> out = harness.drain();
        assertThat(ProcessorHarness.frames(out)).extracting(Frame::instance)
                .containsExactly(task(3, "T3", false), task(4, "T4", false));
        assertThat(out.stream().flatMap(b -> b.getNotices().stream())).singleElement().satisfies(notice -> {
            assertThat(notice.getKind()).isEqualTo(NoticeKind.INCOMPLETE);
            assertThat(notice.getDetail()).contains("keeps the changes after seq");
        });
        assertThat(harness.metrics().incompleteReplays()).isEqualTo(1);
    }

    @Test
    void shouldSayTheReplayIsIncompleteForACutOfAnotherEpochOrNone() {
        // when
        harness.join(harness.spec("open-tasks", "list", null, "{}", LiveUser.ANONYMOUS), "edge-1#a",
                command -> command.setCut(List.of(new TaskPosition(0, harness.epoch() + 1, 0L))));
        harness.join(harness.spec("list-tasks", "list", null, "{\"list\":1}", LiveUser.ANONYMOUS), "edge-1#a",
                command -> command.setCut(List.of(new TaskPosition(5, 1, 0L))));

        // then
        assertThat(harness.notices()).extracting(Notice::getKind, n -> n.getDetail().contains("epoch")
                        || n.getDetail().contains("no position"))
                .containsExactly(org.assertj.core.groups.Tuple.tuple(NoticeKind.INCOMPLETE, true),
                        org.assertj.core.groups.Tuple.tuple(NoticeKind.INCOMPLETE, true));
    }
}
