package io.restlive.bench.scenarios;

import io.restlive.bench.kafka.TopicTail;
import io.restlive.bench.load.Waits;
import io.restlive.schemas.EntityKeys;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Waits until the processor knows a group announced straight on the subscriptions topic, by publishing a
 * probe change for it until its broadcast appears. The topic has one partition and the processor applies
 * it in order, so once the last announced group is live, every group announced before it is too.
 */
final class GroupProbe {

    private static final Duration ROUND = Duration.ofMillis(250);

    private GroupProbe() {
    }

    /** @return whether a broadcast for group value {@code group} of {@code model} appeared within {@code bound} */
    static boolean awaitLive(ScenarioContext context, String model, long group, Duration bound) throws Exception {
        long pk = Subscriptions.PROBE_PK_BASE + group;
        String key = EntityKeys.of(model, pk);
        AtomicBoolean seen = new AtomicBoolean();
        try (TopicTail tail = TopicTail.start(context.kafka(), context.stack().topics().broadcasts(), (record, at) -> {
            if (key.equals(record.key())) {
                seen.set(true);
            }
        })) {
            long deadline = System.nanoTime() + bound.toNanos();
            while (!seen.get() && System.nanoTime() - deadline < 0) {
                context.publish(context.change(model, pk, group, System.nanoTime()))
                        .get(context.timeout().toMillis(), TimeUnit.MILLISECONDS);
                Waits.until(seen::get, ROUND);
            }
            tail.requireHealthy();
        }
        return seen.get();
    }
}
