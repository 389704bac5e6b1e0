package io.restlive.processor.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.restlive.processor.progress.InputProgress;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class CommittedProgressTest {

    private static final TopicPartition CHANGES_0 = new TopicPartition("changes", 0);

    @Test
    void shouldCatchUpAPartitionThatAnotherInstanceProcessedAndThenStopReading() {
        // given: a partition this instance must catch up to offset 10, which another instance committed past
        InputProgress progress = new InputProgress();
        progress.track(Map.of(CHANGES_0, 10L), Map.of(), 0);
        AtomicInteger reads = new AtomicInteger();
        AtomicBoolean closed = new AtomicBoolean();
        CommittedProgress committed = new CommittedProgress(progress, () -> {
            reads.incrementAndGet();
            return Map.of(CHANGES_0, 12L);
        }, () -> closed.set(true));

        // when
        committed.pollOnce();
        committed.pollOnce();

        // then: caught up, and nothing read again once nothing is behind
        assertThat(progress.caughtUp(0)).isTrue();
        assertThat(reads).hasValue(1);
        assertThat(closed).isTrue();
    }

    @Test
    void shouldKeepPollingWhenTheOffsetsCannotBeReadOrAreStillBehind() {
        // given
        InputProgress progress = new InputProgress();
        progress.track(Map.of(CHANGES_0, 10L), Map.of(), 0);
        AtomicInteger reads = new AtomicInteger();
        CommittedProgress committed = new CommittedProgress(progress, () -> {
            if (reads.incrementAndGet() == 1) {
                throw new IllegalStateException("broker unreachable");
            }
            return Map.of(CHANGES_0, 5L);
        }, () -> { });

        // when
        committed.pollOnce();
        committed.pollOnce();

        // then
        assertThat(reads).hasValue(2);
        assertThat(progress.behind(0)).isEqualTo(5);
        committed.close();
    }
}
