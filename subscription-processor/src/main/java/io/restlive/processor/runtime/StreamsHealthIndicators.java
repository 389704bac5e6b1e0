package io.restlive.processor.runtime;

import org.apache.kafka.streams.KafkaStreams;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * The two probes' views of Kafka Streams: ready only while RUNNING (state restored, tasks assigned);
 * alive unless Streams has failed, so that a restart is only asked for when it can help.
 */
public final class StreamsHealthIndicators {

    private StreamsHealthIndicators() {
    }

    /** UP only while Kafka Streams is RUNNING; in the readiness group. */
    public static HealthIndicator readiness(StreamsRuntime runtime) {
        return () -> {
            KafkaStreams.State state = runtime.state();
            return (state == KafkaStreams.State.RUNNING ? Health.up() : Health.outOfService())
                    .withDetail("state", state.name()).build();
        };
    }

    /** DOWN once Kafka Streams has failed (ERROR or on its way there); in the liveness group. */
    public static HealthIndicator liveness(StreamsRuntime runtime) {
        return () -> {
            KafkaStreams.State state = runtime.state();
            boolean failed = state == KafkaStreams.State.ERROR || state == KafkaStreams.State.PENDING_ERROR;
            return (failed ? Health.down() : Health.up()).withDetail("state", state.name()).build();
        };
    }
}
