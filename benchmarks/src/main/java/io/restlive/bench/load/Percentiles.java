package io.restlive.bench.load;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A latency distribution's summary, in milliseconds.
 *
 * @param count values recorded
 * @param p50 the median
 * @param p99 the 99th percentile
 * @param p999 the 99.9th percentile
 * @param max the largest value
 */
public record Percentiles(long count, double p50, double p99, double p999, double max) {

    /** The figures under the report's metric names: {@code p50_ms}, {@code p99_ms}, {@code p999_ms}, {@code max_ms}. */
    public Map<String, Double> asMetrics() {
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("p50_ms", p50);
        metrics.put("p99_ms", p99);
        metrics.put("p999_ms", p999);
        metrics.put("max_ms", max);
        return metrics;
    }
}
