package io.restlive.processor.runtime;

import io.restlive.processor.progress.InputProgress;
import java.util.Set;
import org.apache.kafka.streams.KafkaStreams;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * The two probes' views of Kafka Streams: ready only while RUNNING and caught up (every active task has
 * applied what its partitions held at start-up, so lookups and subscriptions see current state); alive
 * unless Streams has failed, so that a restart is only asked for when it can help.
 */
public final class StreamsHealthIndicators {

    private StreamsHealthIndicators() {
    }

    /** UP only while Kafka Streams is RUNNING and its active tasks are caught up; in the readiness group. */
    public static HealthIndicator readiness(StreamsRuntime runtime, InputProgress progress, String changesTopic) {
        return () -> {
            KafkaStreams.State state = runtime.state();
            if (state != KafkaStreams.State.RUNNING) {
                return Health.outOfService().withDetail("state", state.name()).build();
            }
            Set<Integer> active = KafkaStreamsStoreAccess.activePartitions(runtime.streams().orElseThrow(), changesTopic);
            long behind = active.stream().mapToLong(progress::behind).sum();
            return (behind == 0 ? Health.up() : Health.outOfService()).withDetail("state", state.name())
                    .withDetail("activeTasks", active.size()).withDetail("recordsBehindStartup", behind).build();
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
