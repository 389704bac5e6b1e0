package io.restlive.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StepLatenciesTest {

    private static final long MS = 1_000_000;

    @Test
    void shouldCountAFrameInTheStepThatSentItEvenWhenItArrivesLater() {
        // given
        StepLatencies steps = new StepLatencies();
        int first = steps.addStep(0, 1_000 * MS);
        int second = steps.addStep(1_000 * MS, 2_000 * MS);

        // when
        steps.record(999 * MS, 1_500 * MS);
        steps.record(1_000 * MS, 1_010 * MS);
        steps.record(-5 * MS, 10 * MS);

        // then
        assertThat(steps.frames(first)).isEqualTo(1);
        assertThat(steps.percentiles(first).p50()).isEqualTo(501, org.assertj.core.data.Offset.offset(1.0));
        assertThat(steps.lastArrivalNanos(first)).isEqualTo(1_500 * MS);
        assertThat(steps.frames(second)).isEqualTo(1);
        assertThat(steps.percentiles(second).max()).isEqualTo(10, org.assertj.core.data.Offset.offset(0.1));
    }

    @Test
    void shouldMeasureFromTheIntendedStartSoThatAStalledPublisherShowsAsLatency() {
        // given
        Latencies latencies = new Latencies();

        // when: the publisher meant to send at 0 but was stuck until 90 ms; the frame came 10 ms later
        latencies.record(0, 100 * MS);

        // then
        assertThat(latencies.percentiles().p50()).isEqualTo(100, org.assertj.core.data.Offset.offset(0.5));
    }

    @Test
    void shouldMergeTheFramesOfSeveralStepsRatherThanAverageTheirPercentiles() {
        // given: three frames of 10 ms in one step, one of 100 ms in another
        StepLatencies steps = new StepLatencies();
        int fast = steps.addStep(0, 1_000 * MS);
        int slow = steps.addStep(1_000 * MS, 2_000 * MS);
        for (int i = 0; i < 3; i++) {
            steps.record(i * MS, (i + 10) * MS);
        }
        steps.record(1_000 * MS, 1_100 * MS);

        // when
        Percentiles both = steps.percentiles(java.util.List.of(fast, slow));

        // then
        assertThat(both.count()).isEqualTo(4);
        assertThat(both.p50()).isEqualTo(10, org.assertj.core.data.Offset.offset(0.1));
        assertThat(both.max()).isEqualTo(100, org.assertj.core.data.Offset.offset(0.1));
    }
}
