package io.restlive.bench.scenarios;

import io.restlive.bench.kafka.TopicTail;
import io.restlive.bench.load.BenchChange;
import io.restlive.bench.load.Waits;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Publishes a batch of changes at once and measures the processor on it: its CPU time (idle burn removed)
 * and when its last broadcast was written. Every change of the batch must produce exactly one broadcast.
 */
final class BroadcastBurst {

    /**
     * @param cpuNanos the processor's CPU time for the batch
     * @param startNanos when publishing started
     * @param lastBroadcastNanos when the harness read the batch's last broadcast
     */
    record Result(double cpuNanos, long startNanos, long lastBroadcastNanos) {

        /** Changes per second from the start of publishing to the last broadcast. */
        double changesPerSecond(int changes) {
            return changes / ((lastBroadcastNanos - startNanos) / 1e9);
        }
    }

    private BroadcastBurst() {
    }

    /**
     * Publishes {@code batch} (all of {@code model}) and waits for its broadcasts.
     *
     * @throws IllegalStateException if not every change was broadcast within the timeout
     */
    static Result run(ScenarioContext context, String model, List<BenchChange> batch) throws Exception {
        CpuMeter cpu = CpuMeter.calibrate(context.stack().processorPid());
        AtomicLong broadcasts = new AtomicLong();
        AtomicLong last = new AtomicLong();
        String prefix = model + "|";
        try (TopicTail tail = TopicTail.start(context.kafka(), context.stack().topics().broadcasts(), (record, at) -> {
            if (record.key() != null && record.key().startsWith(prefix)) {
                broadcasts.incrementAndGet();
                last.set(at);
            }
        })) {
            long start = System.nanoTime();
            cpu.start();
            context.publishAll(batch).get(context.timeout().toMillis(), TimeUnit.MILLISECONDS);
            if (!Waits.until(() -> broadcasts.get() >= batch.size(), context.timeout())) {
                throw new IllegalStateException("only " + broadcasts.get() + " of " + batch.size() + " broadcasts of "
                        + model + " were written within " + context.timeout().toSeconds() + " s");
            }
            double cpuNanos = cpu.workNanos();
            tail.requireHealthy();
            return new Result(cpuNanos, start, last.get());
        }
    }
}
