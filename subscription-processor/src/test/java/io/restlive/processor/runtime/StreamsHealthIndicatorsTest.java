package io.restlive.processor.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.restlive.processor.progress.InputProgress;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Status;

class StreamsHealthIndicatorsTest {

    @Test
    void shouldBeAliveButNotReadyBeforeKafkaStreamsRuns() {
        // given
        StreamsRuntime notStarted = new StreamsRuntime(null, null, () -> null, new SimpleMeterRegistry(), reason -> { });

        // when / then
        assertThat(StreamsHealthIndicators.readiness(notStarted, InputProgress.untracked(), "changes").health().getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
        assertThat(StreamsHealthIndicators.liveness(notStarted).health().getStatus()).isEqualTo(Status.UP);
        assertThat(StreamsHealthIndicators.readiness(notStarted, InputProgress.untracked(), "changes").health().getDetails()).containsEntry("state", "CREATED");
    }
}
