package io.restlive.bench.load;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Latencies of a stepped load, each frame counted in the step its intended send time belongs to, so a
 * frame that arrives after its step ended still counts for the step that sent it. Frames sent outside
 * every step (warm-up probes) are ignored.
 */
public final class StepLatencies {

    private record Step(long fromNanos, long toNanos, Latencies latencies, LongAdder frames, AtomicLong lastArrival) {
    }

    // Readers iterate without locking: a new step publishes a new list instead of changing the one they hold.
    private volatile List<Step> steps = List.of();

    /** Opens a step for intended send times in {@code [fromNanos, toNanos)}; returns its index. */
    public synchronized int addStep(long fromNanos, long toNanos) {
        List<Step> copy = new ArrayList<>(steps);
        copy.add(new Step(fromNanos, toNanos, new Latencies(), new LongAdder(), new AtomicLong(fromNanos)));
        steps = List.copyOf(copy);
        return copy.size() - 1;
    }

    /** Records a frame sent at {@code sentNanos} (intended) that arrived at {@code arrivalNanos}. */
    public void record(long sentNanos, long arrivalNanos) {
        for (Step step : steps) {
            if (sentNanos - step.fromNanos() >= 0 && sentNanos - step.toNanos() < 0) {
                step.latencies().record(sentNanos, arrivalNanos);
                step.frames().increment();
                step.lastArrival().updateAndGet(last -> arrivalNanos - last > 0 ? arrivalNanos : last);
                return;
            }
        }
    }

    /** Frames counted for a step so far. */
    public long frames(int step) {
        return steps.get(step).frames().sum();
    }

    /** When the last frame of a step arrived (the step's start while none has). */
    public long lastArrivalNanos(int step) {
        return steps.get(step).lastArrival().get();
    }

    /** The latency summary of several steps taken together (their frames merged, not their percentiles averaged). */
    public Percentiles percentiles(List<Integer> stepIndexes) {
        List<Step> all = steps;
        return Latencies.merged(stepIndexes.stream().map(i -> all.get(i).latencies()).toList());
    }

    /** The latency summary of a step. */
    public Percentiles percentiles(int step) {
        return steps.get(step).latencies().percentiles();
    }
}
