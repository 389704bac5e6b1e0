package io.restlive.processor.topology;

import static io.restlive.processor.topology.TestViews.TASK;
import static io.restlive.schemas.BroadcastAction.CREATED;
import static org.assertj.core.api.Assertions.assertThat;

import io.restlive.core.views.LiveUser;
import io.restlive.processor.decode.DeadLetters;
import io.restlive.processor.membership.MembershipSettings;
import io.restlive.processor.topology.ProcessorHarness.Frame;
import io.restlive.schemas.EdgeBroadcast;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * No client can make a record too large: each distinct rendered instance is written once per record however
 * many groups show it, a change affecting more groups than a record holds is split, and an instance larger
 * than the frame limit is dead-lettered without stopping anything.
 */
class DeliveryLimitsTest {

    private static final int RECORD_BUDGET = 64 * 1024;
    private static final int FRAME_LIMIT = 16 * 1024;

    @TempDir
    Path stateDir;
    private ProcessorHarness harness;

    @BeforeEach
    void start() {
        harness = new ProcessorHarness(TestViews.YAML, stateDir, settings -> settings.withMembership(
                new MembershipSettings(FRAME_LIMIT, RECORD_BUDGET, 100, Duration.ofMinutes(1), Duration.ofMillis(200))));
    }

    @AfterEach
    void close() {
        harness.close();
    }

    @Test
    void shouldWriteALargeInstanceOnceForEveryGroupThatShowsIt() {
        // given: eight groups that differ only in query params, as one abusive connection could make
        List<String> groups = IntStream.range(0, 8).mapToObj(i -> harness.join(harness.spec("open-tasks", "list", null,
                "{\"page\":" + i + "}", LiveUser.ANONYMOUS), "edge-1")).toList();
        harness.drain();

        // when: a change with a 12 KB field
        harness.upsert(TASK, 1, instance(1, 12 * 1024), null);

        // then: one record, the instance once, eight entries pointing at it
        List<EdgeBroadcast> records = harness.broadcasts();
        assertThat(records).singleElement().satisfies(record -> {
            assertThat(record.getChange().getPayloads()).hasSize(1);
            assertThat(record.getChange().getEntries()).hasSize(8).allSatisfy(e -> assertThat(e.getPayload()).isZero());
        });
        assertThat(ProcessorHarness.frames(records)).extracting(Frame::group).containsExactlyInAnyOrderElementsOf(groups);
    }

    @Test
    void shouldSplitAChangeAffectingMoreGroupsThanARecordHolds() {
        // given: 2,000 groups whose users differ, so that each renders its own instance
        int count = 2_000;
        for (int i = 0; i < count; i++) {
            harness.join(harness.spec("fancy-tasks", "list", null, "{\"n\":" + i + "}", LiveUser.ANONYMOUS), "edge-1");
        }
        harness.drain();

        // when
        harness.upsert(TASK, 1, instance(1, 2 * 1024), null);

        // then: several parts, each within the budget, the last marked, every group once
        List<TestRecord<String, byte[]>> records = harness.broadcastRecords();
        assertThat(records.size()).isGreaterThan(1);
        assertThat(records).allSatisfy(r -> assertThat(r.value().length).isLessThanOrEqualTo(RECORD_BUDGET));
        List<EdgeBroadcast> decoded = records.stream().map(r -> decode(r.value())).toList();
        assertThat(decoded).extracting(b -> b.getChange().getPart()).isEqualTo(IntStream.range(0, decoded.size()).boxed().toList());
        assertThat(decoded).extracting(b -> b.getChange().getLast()).containsOnlyOnce(true).last().isEqualTo(true);
        assertThat(ProcessorHarness.frames(decoded)).hasSize(count).extracting(Frame::action).containsOnly(CREATED);
    }

    @Test
    void shouldDeadLetterAnInstanceAboveTheFrameLimitAndDeliverTheNextChange() {
        // given
        String open = harness.joinList("open-tasks", "{}", LiveUser.ANONYMOUS, "edge-1");
        harness.drain();

        // when
        harness.upsert(TASK, 1, instance(1, 20 * 1024), null);
        harness.upsert(TASK, 2, instance(2, 10), null);

        // then
        assertThat(harness.deadLetters()).singleElement().satisfies(letter -> {
            assertThat(header(letter, DeadLetters.KIND)).isEqualTo("frame-too-large");
            assertThat(header(letter, DeadLetters.REASON)).contains("rest-live.max-frame-size").contains(open);
        });
        assertThat(harness.frames()).extracting(Frame::group, Frame::action)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(open, CREATED));
    }

    private static String instance(int id, int textBytes) {
        return "{\"id\":" + id + ",\"text\":\"" + "x".repeat(textBytes) + "\",\"done\":false}";
    }

    private static String header(TestRecord<byte[], byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    private static EdgeBroadcast decode(byte[] value) {
        try {
            return io.restlive.schemas.AvroCodecs.decodeBroadcast(value);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
