package io.restlive.bench.report;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One line of a scenario's results: rest-live's figures and, under the same keys where a counterpart
 * exists, raw Kafka's figures for the same number of records of the same size on the same broker.
 *
 * @param label what varies between the rows (a step's rate, a group count, ...)
 * @param restLive rest-live's figures, by metric name ({@code p99_ms}, {@code delivered_per_s}, ...)
 * @param kafka raw Kafka's figures under the same names; a metric without a counterpart is absent
 */
public record ResultRow(String label, Map<String, Double> restLive, Map<String, Double> kafka) {

    public ResultRow {
        restLive = Collections.unmodifiableMap(new LinkedHashMap<>(restLive));
        kafka = Collections.unmodifiableMap(new LinkedHashMap<>(kafka));
    }

    /** rest-live's figure divided by Kafka's, for every metric both have (Kafka's non-zero). */
    @JsonProperty("ratios")
    public Map<String, Double> ratios() {
        Map<String, Double> ratios = new LinkedHashMap<>();
        restLive.forEach((metric, value) -> {
            Double base = kafka.get(metric);
            if (base != null && base != 0 && Double.isFinite(base) && Double.isFinite(value)) {
                ratios.put(metric, value / base);
            }
        });
        return ratios;
    }
}
