package io.restlive.processor.topology;

import static io.restlive.processor.topology.TestViews.TASK;
import static io.restlive.processor.topology.TestViews.task;
import static io.restlive.schemas.BroadcastAction.DELETED;
import static io.restlive.schemas.BroadcastAction.UPDATED;
import static org.assertj.core.api.Assertions.assertThat;

import io.restlive.core.json.Json;
import io.restlive.processor.entities.StateDigest;
import io.restlive.processor.topology.ProcessorHarness.Entry;
import io.restlive.schemas.ChangeBroadcast;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalInt;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The subscribe/change race: a retrieve subscriber's edge looked the instance up, then a change was
 * processed before the subscriber's group reached the index. Its join carries the digest of what it saw,
 * and the task storing the entity sends it the one change it missed, or nothing if it missed none.
 */
class CatchUpTest {

    private static final JsonNode PK_1 = Json.NODES.numberNode(1);
    private static final String CATCH_UP = "group~edge-1#a~1";
    private static final String DELETED_PAYLOAD = "{\"pk\":1,\"id\":1}";
    private static final Duration PUNCTUATION = Duration.ofMillis(100);

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
    void shouldSendTheMissedStateToTheCatchUpKeyOnlyWhenTheSubscriberSawAnOlderOne() {
        // given: the lookup answered "Milk", then "Oat milk" was processed before the join
        harness.upsert(TASK, 1, task(1, "Milk", false), null);
        harness.upsert(TASK, 1, task(1, "Oat milk", false), null);
        harness.broadcasts();

        // when
        harness.joinRetrieveCatchingUp("open-tasks", PK_1, "edge-1", CATCH_UP, digest(task(1, "Milk", false)),
                DELETED_PAYLOAD, Instant.now());
        harness.advanceWallClock(PUNCTUATION);

        // then: one entry, addressed to this subscriber alone, keyed like the entity's broadcasts
        List<TestRecord<String, ChangeBroadcast>> records = harness.broadcastRecords();
        assertThat(records).singleElement().satisfies(record -> {
            assertThat(record.key()).isEqualTo("todolist.Task|1");
            assertThat(record.value().getPk()).isEqualTo("1");
            assertThat(record.value().getGroups()).singleElement().satisfies(entry -> {
                assertThat(entry.getGroupKey()).isEqualTo(CATCH_UP);
                assertThat(entry.getAction()).isEqualTo(UPDATED);
                assertThat(Json.parse(entry.getInstance())).isEqualTo(Json.parse(task(1, "Oat milk", false)));
            });
        });
        assertThat(harness.metrics().catchUpsSent()).isEqualTo(1.0);
        assertThat(harness.catchUps().isEmpty()).isTrue();
    }

    @Test
    void shouldSendNothingWhenTheSubscriberSawTheCurrentState() {
        // given
        harness.upsert(TASK, 1, task(1, "Milk", false), null);
        harness.broadcasts();

        // when
        harness.joinRetrieveCatchingUp("open-tasks", PK_1, "edge-1", CATCH_UP, digest(task(1, "Milk", false)),
                DELETED_PAYLOAD, Instant.now());
        harness.advanceWallClock(PUNCTUATION);

        // then: subscribing stays silent
        assertThat(harness.broadcasts()).isEmpty();
        assertThat(harness.catchUps().isEmpty()).isTrue();
    }

    @Test
    void shouldLeaveAChangeEvaluatedWithTheGroupToTheGroupAlone() {
        // given: the subscriber saw "Milk", which is still the state when it joins
        harness.upsert(TASK, 1, task(1, "Milk", false), null);
        String group = harness.joinRetrieveCatchingUp("open-tasks", PK_1, "edge-1", CATCH_UP,
                digest(task(1, "Milk", false)), DELETED_PAYLOAD, Instant.now());
        harness.broadcasts();

        // when: a change is evaluated with the group before the next punctuation
        harness.upsert(TASK, 1, task(1, "Oat milk", false), null);
        harness.advanceWallClock(PUNCTUATION);

        // then: the group's broadcast carries it; no catch-up repeats it
        assertThat(harness.entries()).containsExactly(new Entry(group, UPDATED, task(1, "Oat milk", false)));
    }

    @Test
    void shouldSendDeletedWhenTheInstanceLeftTheViewBeforeTheJoin() {
        // given: the subscriber saw an open task, which was then done (out of open-tasks)
        harness.upsert(TASK, 1, task(1, "Milk", false), null);
        harness.upsert(TASK, 1, task(1, "Milk", true), null);

        // when
        harness.joinRetrieveCatchingUp("open-tasks", PK_1, "edge-1", CATCH_UP, digest(task(1, "Milk", false)),
                DELETED_PAYLOAD, Instant.now());
        harness.advanceWallClock(PUNCTUATION);

        // then
        assertThat(harness.entries()).containsExactly(new Entry(CATCH_UP, DELETED, DELETED_PAYLOAD));
    }

    @Test
    void shouldSendDeletedWhenAVersionedDeleteCameBeforeTheJoin() {
        // given
        harness.upsert(TASK, 1, task(1, "Milk", false), 1L);
        harness.delete(TASK, 1, 2L);
        harness.broadcasts();

        // when
        harness.joinRetrieveCatchingUp("open-tasks", PK_1, "edge-1", CATCH_UP, digest(task(1, "Milk", false)),
                DELETED_PAYLOAD, Instant.now());
        harness.advanceWallClock(PUNCTUATION);

        // then
        assertThat(harness.entries()).containsExactly(new Entry(CATCH_UP, DELETED, DELETED_PAYLOAD));
    }

    @Test
    void shouldSendDeletedWhenADeleteWithoutVersionCameBeforeTheJoin() {
        // given: an unversioned delete leaves no entry at all
        harness.upsert(TASK, 1, task(1, "Milk", false), null);
        harness.delete(TASK, 1, null);
        harness.broadcasts();

        // when
        harness.joinRetrieveCatchingUp("open-tasks", PK_1, "edge-1", CATCH_UP, digest(task(1, "Milk", false)),
                DELETED_PAYLOAD, Instant.now());
        harness.advanceWallClock(PUNCTUATION);

        // then
        assertThat(harness.entries()).containsExactly(new Entry(CATCH_UP, DELETED, DELETED_PAYLOAD));
    }

    @Test
    void shouldIgnoreARequestReplayedLongAfterItsJoin() {
        // given
        harness.upsert(TASK, 1, task(1, "Oat milk", false), null);
        harness.broadcasts();

        // when: a join sent two minutes ago arrives (a replay, not a subscriber waiting now)
        harness.joinRetrieveCatchingUp("open-tasks", PK_1, "edge-1", CATCH_UP, digest(task(1, "Milk", false)),
                DELETED_PAYLOAD, Instant.now().minus(Duration.ofMinutes(2)));
        harness.advanceWallClock(PUNCTUATION);

        // then: the group is live, but nothing is caught up
        assertThat(harness.groups().size()).isEqualTo(1);
        assertThat(harness.broadcasts()).isEmpty();
    }

    @Test
    void shouldDropARequestForAnEntityNoTaskHereStores() {
        // given: the entity lives on a partition of another instance
        harness.close();
        harness = new ProcessorHarness(TestViews.YAML, stateDir.resolve("elsewhere"), entityKey -> OptionalInt.of(1));
        harness.joinRetrieveCatchingUp("open-tasks", PK_1, "edge-1", CATCH_UP, digest(task(1, "Milk", false)),
                DELETED_PAYLOAD, Instant.now());
        harness.advanceWallClock(PUNCTUATION);
        assertThat(harness.catchUps().size()).isEqualTo(1);

        // when
        harness.advanceWallClock(Duration.ofSeconds(31));

        // then
        assertThat(harness.catchUps().isEmpty()).isTrue();
        assertThat(harness.broadcasts()).isEmpty();
    }

    private static String digest(String instance) {
        return StateDigest.of(Json.parseObject(instance));
    }
}
