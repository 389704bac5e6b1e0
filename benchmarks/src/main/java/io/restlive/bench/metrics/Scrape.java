package io.restlive.bench.metrics;

import java.util.List;

/**
 * What one tick of the sampler read from one process.
 *
 * @param target the process's name ({@code processor}, {@code edge-1}, ...)
 * @param kind what it is, which decides the panels its series feed
 * @param series its {@code restlive_*} samples
 */
public record Scrape(String target, MetricsSampler.Kind kind, List<PrometheusText.Series> series) {

    public Scrape {
        series = List.copyOf(series);
    }

    /** The sum of every sample named {@code name} whose labels hold {@code key=value} (both null: any). */
    public double sum(String name, String key, String value) {
        double sum = 0;
        boolean found = false;
        for (PrometheusText.Series s : series) {
            if (s.name().equals(name) && (key == null || value.equals(s.label(key)))) {
                sum += s.value();
                found = true;
            }
        }
        return found ? sum : Double.NaN;
    }
}
