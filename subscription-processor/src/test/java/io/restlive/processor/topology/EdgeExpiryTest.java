package io.restlive.processor.topology;

import static io.restlive.processor.topology.TestViews.TASK;
import static io.restlive.schemas.BroadcastAction.CREATED;
import static org.assertj.core.api.Assertions.assertThat;

import io.restlive.core.views.LiveUser;
import io.restlive.processor.topology.ProcessorHarness.Entry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Edge sessions that fall silent lose their groups; live ones, and groups other edges hold, stay. */
class EdgeExpiryTest {

    private static final Duration TTL = Duration.ofSeconds(30);
    private static final Duration INTERVAL = Duration.ofSeconds(10);
    /** Expiry comes after the TTL, at the next check (every TTL / 3): within TTL + 2 checks to be safe. */
    private static final Duration EXPIRY = TTL.plusSeconds(20);

    @TempDir
    Path stateDir;
    private ProcessorHarness harness;

    @BeforeEach
    void start() {
        harness = new ProcessorHarness(TestViews.YAML, stateDir, TTL);
    }

    @AfterEach
    void close() {
        harness.close();
    }

    @Test
    void shouldExpireTheGroupsOfASilentEdgeAndKeepTheOnesAnotherEdgeHolds() {
        // given: edge-a holds an open-tasks group alone and shares a list group with edge-b
        harness.heartbeat("edge-a", INTERVAL);
        harness.heartbeat("edge-b", INTERVAL);
        String alone = harness.joinList("open-tasks", "{}", LiveUser.ANONYMOUS, "edge-a");
        String shared = harness.joinList("list-tasks", "{\"list\":1}", LiveUser.ANONYMOUS, "edge-a");
        harness.joinList("list-tasks", "{\"list\":1}", LiveUser.ANONYMOUS, "edge-b");

        // when: edge-a dies and edge-b keeps beating for longer than the TTL
        beatFor("edge-b", EXPIRY);

        // then: edge-a's own group is gone, the shared one is edge-b's alone
        assertThat(harness.groups().group(alone)).isEmpty();
        assertThat(harness.sessions(shared)).containsExactly("edge-b");
        assertThat(harness.metrics().edgesExpired()).isEqualTo(1);
        harness.upsert(TASK, 1, "{\"id\":1,\"text\":\"Milk\",\"done\":false,\"list\":1}", null);
        assertThat(harness.entries()).extracting(Entry::group, Entry::action).containsExactly(
                org.assertj.core.groups.Tuple.tuple(shared, CREATED));
    }

    @Test
    void shouldKeepTheGroupsOfAnEdgeThatKeepsBeating() {
        // given
        harness.heartbeat("edge-a", INTERVAL);
        String group = harness.joinList("open-tasks", "{}", LiveUser.ANONYMOUS, "edge-a");

        // when
        beatFor("edge-a", Duration.ofMinutes(3));

        // then
        assertThat(harness.sessions(group)).containsExactly("edge-a");
        assertThat(harness.metrics().edgesExpired()).isZero();
    }

    @Test
    void shouldExpireNothingUntilItHasWatchedForAFullTtlAfterAPause() {
        // given
        harness.heartbeat("edge-a", INTERVAL);
        String group = harness.joinList("open-tasks", "{}", LiveUser.ANONYMOUS, "edge-a");

        // when: the processor itself does not run for two TTLs (heartbeats may be waiting unread)
        harness.advanceWallClock(TTL.multipliedBy(2));

        // then: the silence it did not watch expires nothing...
        assertThat(harness.sessions(group)).containsExactly("edge-a");

        // ...until it has watched a full TTL more without hearing from the edge
        advanceInSteps(EXPIRY);
        assertThat(harness.groups().group(group)).isEmpty();
    }

    @Test
    void shouldGiveAnEdgeAtLeastThreeOfItsIntervals() {
        // given: an edge that beats every 20 s, longer than a third of the 30 s TTL
        harness.heartbeat("slow-edge", Duration.ofSeconds(20));
        String group = harness.joinList("open-tasks", "{}", LiveUser.ANONYMOUS, "slow-edge");

        // when
        advanceInSteps(Duration.ofSeconds(50));

        // then: 50 s of silence is less than three intervals
        assertThat(harness.sessions(group)).containsExactly("slow-edge");
        advanceInSteps(Duration.ofSeconds(30));
        assertThat(harness.groups().group(group)).isEmpty();
    }

    @Test
    void shouldSweepJoinsAppliedAfterTheExpiryAndStayExpiredOnALateHeartbeat() {
        // given: edge-a expired
        harness.heartbeat("edge-a", INTERVAL);
        harness.joinList("open-tasks", "{}", LiveUser.ANONYMOUS, "edge-a");
        advanceInSteps(EXPIRY);
        assertThat(harness.groups().size()).isZero();

        // when: a join it sent before dying is applied only now, and a delayed heartbeat arrives
        String late = harness.joinList("list-tasks", "{\"list\":2}", LiveUser.ANONYMOUS, "edge-a");
        harness.heartbeat("edge-a", INTERVAL);
        advanceInSteps(EXPIRY);

        // then: the second sweep removed the late join
        assertThat(harness.groups().group(late)).isEmpty();
        assertThat(harness.metrics().edgesExpired()).isEqualTo(1);
    }

    @Test
    void shouldForgetASessionTheEdgeEndedWithoutExpiringIt() {
        // given: an edge that left its groups and ended its session on shutdown
        harness.heartbeat("edge-a", INTERVAL);
        String group = harness.joinList("open-tasks", "{}", LiveUser.ANONYMOUS, "edge-a");
        harness.leave(group, "edge-a");
        harness.endSession("edge-a");

        // when
        advanceInSteps(TTL.multipliedBy(3));

        // then
        assertThat(harness.metrics().edgesExpired()).isZero();
    }

    @Test
    void shouldIgnoreAPoisonHeartbeatAndKeepExpiring() {
        // given
        harness.heartbeat("edge-a", INTERVAL);
        String group = harness.joinList("open-tasks", "{}", LiveUser.ANONYMOUS, "edge-a");

        // when: a record that is not a heartbeat, then silence
        harness.pipeHeartbeatBytes("edge-b", "not avro".getBytes(StandardCharsets.UTF_8));
        advanceInSteps(EXPIRY);

        // then
        assertThat(harness.groups().group(group)).isEmpty();
    }

    /** Lets {@code duration} pass in 5 s steps, with a heartbeat of {@code session} every 10 s. */
    private void beatFor(String session, Duration duration) {
        for (long s = 5; s <= duration.toSeconds(); s += 5) {
            harness.advanceWallClock(Duration.ofSeconds(5));
            if (s % 10 == 0) {
                harness.heartbeat(session, INTERVAL);
            }
        }
    }

    /** Lets {@code duration} pass in 5 s steps, so that every check runs. */
    private void advanceInSteps(Duration duration) {
        for (long s = 5; s <= duration.toSeconds(); s += 5) {
            harness.advanceWallClock(Duration.ofSeconds(5));
        }
    }
}
