package io.restlive.processor.progress;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class InputProgressTest {

    private static final TopicPartition CHANGES_0 = new TopicPartition("changes", 0);
    private static final TopicPartition CHANGES_1 = new TopicPartition("changes", 1);

    @Test
    void shouldBeCaughtUpOnceEveryRecordThatWasThereAtStartUpIsProcessed() {
        // given: 10 records on partition 0 at start-up, none committed; partition 1 empty
        InputProgress progress = new InputProgress();
        progress.track(Map.of(CHANGES_0, 10L, CHANGES_1, 0L), Map.of(), 0);

        // when
        progress.processed("changes", 0, 8);

        // then
        assertThat(progress.caughtUp(0)).isFalse();
        assertThat(progress.behind(0)).isEqualTo(1);
        assertThat(progress.caughtUp(1)).isTrue();
        progress.processed("changes", 0, 9);
        assertThat(progress.caughtUp(0)).isTrue();
        assertThat(progress.allCaughtUp()).isTrue();
    }

    @Test
    void shouldBeCaughtUpWhenAnotherInstanceProcessedThePartitionAndCommitted() {
        // given: this instance started when partition 0 ended at 10 and nothing was committed
        InputProgress progress = new InputProgress();
        progress.track(Map.of(CHANGES_0, 10L), Map.of(), 0);

        // when: another instance processed all of it and handed the partition over; nothing new was written,
        // so this instance never processes a record of it
        progress.committed("changes", 0, 10);

        // then
        assertThat(progress.caughtUp(0)).isTrue();
        assertThat(progress.allCaughtUp()).isTrue();
    }

    @Test
    void shouldNeverGoBackWhenAnOlderCommitOrRecordIsReportedLater() {
        // given
        InputProgress progress = new InputProgress();
        progress.track(Map.of(CHANGES_0, 10L), Map.of(), 0);
        progress.processed("changes", 0, 6);

        // when
        progress.committed("changes", 0, 3);
        progress.processed("changes", 0, 2);

        // then
        assertThat(progress.behind(0)).isEqualTo(3);
    }

    @Test
    void shouldIgnoreTopicsAndPartitionsItDoesNotTrack() {
        // given
        InputProgress progress = new InputProgress();
        progress.track(Map.of(CHANGES_0, 10L), Map.of(CHANGES_0, 4L), 0);

        // when
        progress.committed("other", 0, 100);
        progress.committed("changes", 7, 100);
        progress.processed("changes", 7, 100);

        // then
        assertThat(progress.behind(0)).isEqualTo(6);
        assertThat(progress.caughtUp(7)).isTrue();
    }
}
