package io.restlive.bench.load;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * A latency histogram that many threads record into without locks (the client's event loops, a Kafka
 * consumer), in microseconds from 1 µs to one hour at three significant digits.
 *
 * <p>Callers record from the <em>intended</em> start time of each operation, not from when it actually
 * started: a publisher that falls behind its fixed rate then shows up as latency instead of hiding it
 * (coordinated omission).
 */
public final class Latencies {

    private static final long HIGHEST_MICROS = TimeUnit.HOURS.toMicros(1);

    private final Histogram histogram = new ConcurrentHistogram(1, HIGHEST_MICROS, 3);

    /** Records the time from {@code startNanos} to {@code endNanos} (both {@link System#nanoTime()}). */
    public void record(long startNanos, long endNanos) {
        long micros = Math.max(1, (endNanos - startNanos) / 1_000);
        histogram.recordValue(Math.min(micros, HIGHEST_MICROS));
    }

    /** The values recorded so far. */
    public long count() {
        return histogram.getTotalCount();
    }

    /** The summary of what was recorded so far. */
    public Percentiles percentiles() {
        return summary(histogram.copy());
    }

    /** The summary of what several histograms recorded, taken together. */
    public static Percentiles merged(List<Latencies> all) {
        Histogram sum = new Histogram(1, HIGHEST_MICROS, 3);
        all.forEach(latencies -> sum.add(latencies.histogram.copy()));
        return summary(sum);
    }

    private static Percentiles summary(Histogram copy) {
        return new Percentiles(copy.getTotalCount(), millis(copy.getValueAtPercentile(50)),
                millis(copy.getValueAtPercentile(99)), millis(copy.getValueAtPercentile(99.9)),
                millis(copy.getMaxValue()));
    }

    private static double millis(long micros) {
        return micros / 1_000.0;
    }
}
