package io.restlive.bench.kafka;

import io.restlive.bench.load.Percentiles;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What raw Kafka did with the records of a baseline run: produce, then consume, on the stack's broker.
 *
 * @param sent records produced
 * @param received records consumed
 * @param perSecond records consumed per second, from the first intended send to the last arrival
 * @param latency produce call (intended time) to the record's arrival at the consumer
 * @param brokerCpuMicrosPerRecord the broker's CPU time per record, or NaN if the broker is not ours
 */
public record BaselineResult(long sent, long received, double perSecond, Percentiles latency,
                             double brokerCpuMicrosPerRecord) {

    /** The figures under the report's names, the throughput under {@code rateMetric}. */
    public Map<String, Double> metrics(String rateMetric) {
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put(rateMetric, perSecond);
        metrics.putAll(latency.asMetrics());
        return metrics;
    }
}
