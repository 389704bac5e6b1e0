package io.restlive.bench.scenarios;

import io.restlive.bench.kafka.TopicTail;
import io.restlive.bench.load.Waits;
import io.restlive.core.kafka.EntityPartitioner;
import io.restlive.schemas.EntityKeys;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Waits until the processor knows a list group announced straight on the subscriptions topic, by publishing
 * probe changes for it, one owned by each processor task, until all their broadcasts appear. Each task
 * applies its partition of the subscriptions topic in order, so once the last announced group is live in
 * every task, every group announced before it is too.
 */
final class GroupProbe {

    private static final Duration ROUND = Duration.ofMillis(250);

    private GroupProbe() {
    }

    /** @return whether a broadcast for group value {@code group} of {@code model} appeared within {@code bound} */
    static boolean awaitLive(ScenarioContext context, String model, long group, Duration bound) throws Exception {
        int partitions = context.dataPartitions();
        Map<String, Long> probes = new HashMap<>();
        for (long pk = Subscriptions.PROBE_PK_BASE + group * partitions * 8; probes.size() < partitions; pk++) {
            String key = EntityKeys.of(model, pk);
            int partition = EntityPartitioner.partitionOf(key, partitions);
            if (probes.values().stream().noneMatch(p -> EntityPartitioner.partitionOf(EntityKeys.of(model, p),
                    partitions) == partition)) {
                probes.put(key, pk);
            }
        }
        Set<String> seen = ConcurrentHashMap.newKeySet();
        try (TopicTail tail = TopicTail.start(context.kafka(), context.stack().topics().broadcasts(), (record, at) -> {
            if (record.key() != null && probes.containsKey(record.key())) {
                seen.add(record.key());
            }
        })) {
            long deadline = System.nanoTime() + bound.toNanos();
            while (seen.size() < partitions && System.nanoTime() - deadline < 0) {
                for (Map.Entry<String, Long> probe : probes.entrySet()) {
                    if (!seen.contains(probe.getKey())) {
                        context.publish(context.change(model, probe.getValue(), group, System.nanoTime()))
                                .get(context.timeout().toMillis(), TimeUnit.MILLISECONDS);
                    }
                }
                Waits.until(() -> seen.size() == partitions, ROUND);
            }
            tail.requireHealthy();
        }
        return seen.size() == partitions;
    }
}
