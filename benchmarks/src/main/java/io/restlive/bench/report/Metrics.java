package io.restlive.bench.report;

import java.util.LinkedHashMap;
import java.util.Map;

/** Builds a row's figures in the order they are added. */
public final class Metrics {

    private final Map<String, Double> values = new LinkedHashMap<>();

    private Metrics() {
    }

    public static Metrics start() {
        return new Metrics();
    }

    public Metrics put(String name, double value) {
        values.put(name, value);
        return this;
    }

    public Metrics putAll(Map<String, Double> more) {
        values.putAll(more);
        return this;
    }

    public Map<String, Double> map() {
        return values;
    }
}
