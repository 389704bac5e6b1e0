package io.restlive.bench.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AbuseScenarioTest {

    @Test
    void shouldExpectTheFramesOfTheChangesScheduledInsideAWindow() {
        // given: 100 changes/s from t = 0, entity i % 100 in group i % 100 % 2, 3 and 5 subscribers
        long second = 1_000_000_000L;
        long[] subscribers = {3, 5};

        // when: the window [1 s, 2 s) holds changes 100 to 199, half in each group
        long frames = AbuseScenario.expectedFrames(new long[] {second, 2 * second}, 0, 100, subscribers);

        // then
        assertThat(frames).isEqualTo(50 * 3 + 50 * 5);
    }
}
