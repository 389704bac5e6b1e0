package io.restlive.bench.metrics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * The main panels of {@code docs/grafana/rest-live.json}, computed from the sampler's ticks the way their
 * PromQL does: gauges summed (or per process, where the dashboard sums {@code by (instance)}), counters as
 * rates, the latency as {@code histogram_quantile} over the rate of the buckets. A rate spans
 * {@value #RATE_TICKS} ticks, as {@code $__rate_interval} spans several scrapes.
 */
public final class DashboardPanels {

    /** Ticks a rate spans (five seconds at one scrape a second). */
    static final int RATE_TICKS = 5;

    /**
     * One line of a panel; a NaN value is a gap.
     *
     * @param label its legend
     * @param seconds the ticks' times
     * @param values its values at those times
     */
    public record Line(String label, double[] seconds, double[] values) {
    }

    /**
     * One panel.
     *
     * @param title as in the dashboard
     * @param unit what the y axis counts
     * @param lines its lines
     * @param logScale whether its y axis is logarithmic (the latency: a cold start's seconds would flatten the
     *     milliseconds after it)
     */
    public record Panel(String title, String unit, List<Line> lines, boolean logScale) {

        Panel(String title, String unit, List<Line> lines) {
            this(title, unit, lines, false);
        }
    }

    private static final String LATENCY_BUCKET = "restlive_edge_delivery_latency_seconds_bucket";

    private DashboardPanels() {
    }

    /** The eight panels, in the dashboard's order. */
    public static List<Panel> of(List<Tick> ticks) {
        List<String> edges = targets(ticks, MetricsSampler.Kind.EDGE);
        List<Panel> panels = new ArrayList<>();
        panels.add(new Panel("Open connections", "connections", perTarget(ticks, edges,
                edge -> scrape -> scrape.sum("restlive_edge_connections", null, null))));
        panels.add(new Panel("Subscriptions and groups", "", List.of(
                gauge(ticks, "subscriptions", MetricsSampler.Kind.EDGE, "restlive_edge_subscriptions"),
                gauge(ticks, "groups", MetricsSampler.Kind.EDGE, "restlive_edge_groups"))));
        List<Line> frames = new ArrayList<>();
        for (String edge : edges) {
            frames.add(rate(ticks, edge, edge, "restlive_edge_frames_sent_total", null, null));
        }
        panels.add(new Panel("Frames sent per second", "frames/s", frames));
        panels.add(new Panel("End-to-end latency (change timestamp to frame queued)", "ms", List.of(
                quantile(ticks, 0.5), quantile(ticks, 0.99)), true));
        panels.add(new Panel("Broadcast consumer lag", "records", perTarget(ticks, edges,
                edge -> scrape -> scrape.sum("restlive_edge_broadcast_lag_records", null, null))));
        List<Line> refusals = new ArrayList<>();
        for (String limit : labelValues(ticks, "restlive_edge_limit_refusals_total", "limit")) {
            Line line = rate(ticks, null, limit, "restlive_edge_limit_refusals_total", "limit", limit);
            if (Arrays.stream(line.values()).anyMatch(v -> v > 0)) {
                refusals.add(line);
            }
        }
        panels.add(new Panel("Limit refusals, by limit", "refusals/s", refusals));
        panels.add(new Panel("Changes, broadcasts and dead letters per second", "per s", List.of(
                rate(ticks, null, "changes", "restlive_processor_changes_total", null, null),
                rate(ticks, null, "broadcasts", "restlive_processor_broadcasts_total", null, null),
                rate(ticks, null, "dead letters", "restlive_processor_dead_letters_total", null, null))));
        panels.add(new Panel("Live subscription groups", "groups", List.of(
                gauge(ticks, "groups", MetricsSampler.Kind.PROCESSOR, "restlive_processor_groups"))));
        return panels;
    }

    /** The names of the processes of a kind, in the order they first answered. */
    static List<String> targets(List<Tick> ticks, MetricsSampler.Kind kind) {
        Set<String> names = new LinkedHashSet<>();
        ticks.forEach(t -> t.scrapes().stream().filter(s -> s.kind() == kind).forEach(s -> names.add(s.target())));
        return List.copyOf(names);
    }

    private static List<Line> perTarget(List<Tick> ticks, List<String> targets,
                                        Function<String, ToDoubleFunction<Scrape>> value) {
        List<Line> lines = new ArrayList<>();
        for (String target : targets) {
            double[] values = new double[ticks.size()];
            for (int i = 0; i < ticks.size(); i++) {
                values[i] = ticks.get(i).of(target).map(s -> value.apply(target).applyAsDouble(s)).orElse(Double.NaN);
            }
            lines.add(new Line(target, seconds(ticks), values));
        }
        return lines;
    }

    /** A gauge summed over every process of {@code kind}. */
    static Line gauge(List<Tick> ticks, String label, MetricsSampler.Kind kind, String name) {
        double[] values = new double[ticks.size()];
        for (int i = 0; i < ticks.size(); i++) {
            values[i] = ticks.get(i).scrapes().stream().filter(s -> s.kind() == kind)
                    .mapToDouble(s -> s.sum(name, null, null)).filter(v -> !Double.isNaN(v))
                    .reduce(Double::sum).orElse(Double.NaN);
        }
        return new Line(label, seconds(ticks), values);
    }

    /**
     * The per-second rate of a counter over the last {@value #RATE_TICKS} ticks, summed over the processes
     * present at both ends ({@code target} null: all); a counter that went down restarted from zero.
     */
    static Line rate(List<Tick> ticks, String target, String label, String name, String key, String value) {
        double[] values = new double[ticks.size()];
        for (int i = 0; i < ticks.size(); i++) {
            int j = i - RATE_TICKS;
            if (j < 0) {
                values[i] = Double.NaN;
                continue;
            }
            double seconds = ticks.get(i).seconds() - ticks.get(j).seconds();
            double increase = 0;
            boolean any = false;
            for (Scrape now : ticks.get(i).scrapes()) {
                if (target != null && !now.target().equals(target)) {
                    continue;
                }
                double after = now.sum(name, key, value);
                double before = ticks.get(j).of(now.target()).map(s -> s.sum(name, key, value)).orElse(Double.NaN);
                if (Double.isNaN(after) || Double.isNaN(before)) {
                    continue;
                }
                increase += after >= before ? after - before : after;
                any = true;
            }
            values[i] = any ? increase / seconds : Double.NaN;
        }
        return new Line(label, seconds(ticks), values);
    }

    /** {@code histogram_quantile(q, sum by (le) (rate(..._bucket)))} of the delivery latency, in milliseconds. */
    static Line quantile(List<Tick> ticks, double q) {
        double[] values = new double[ticks.size()];
        for (int i = 0; i < ticks.size(); i++) {
            int j = i - RATE_TICKS;
            if (j < 0) {
                values[i] = Double.NaN;
                continue;
            }
            Map<Double, Double> increaseByLe = new TreeMap<>();
            for (Scrape now : ticks.get(i).scrapes()) {
                Scrape before = ticks.get(j).of(now.target()).orElse(null);
                if (before == null) {
                    continue;
                }
                for (PrometheusText.Series bucket : now.series()) {
                    if (!bucket.name().equals(LATENCY_BUCKET)) {
                        continue;
                    }
                    String le = bucket.label("le");
                    double earlier = before.sum(LATENCY_BUCKET, "le", le);
                    if (!Double.isNaN(earlier)) {
                        double increase = bucket.value() >= earlier ? bucket.value() - earlier : bucket.value();
                        increaseByLe.merge(le(le), increase, Double::sum);
                    }
                }
            }
            values[i] = histogramQuantile(q, increaseByLe) * 1000;
        }
        return new Line(q == 0.5 ? "p50" : "p" + format(q * 100), seconds(ticks), values);
    }

    /**
     * Prometheus's {@code histogram_quantile}: the cumulative bucket counts by upper bound (the last +Inf),
     * linear interpolation inside the bucket the rank falls in; the largest finite bound if it falls in +Inf;
     * NaN with no observation.
     */
    static double histogramQuantile(double q, Map<Double, Double> cumulativeByUpperBound) {
        if (cumulativeByUpperBound.isEmpty()) {
            return Double.NaN;
        }
        TreeMap<Double, Double> buckets = new TreeMap<>(cumulativeByUpperBound);
        double total = buckets.lastEntry().getValue();
        if (!(total > 0)) {
            return Double.NaN;
        }
        double rank = q * total;
        double lowerBound = 0;
        double lowerCount = 0;
        for (Map.Entry<Double, Double> bucket : buckets.entrySet()) {
            if (bucket.getValue() >= rank) {
                if (Double.isInfinite(bucket.getKey())) {
                    return lowerBound;
                }
                double inBucket = bucket.getValue() - lowerCount;
                return inBucket <= 0 ? bucket.getKey()
                        : lowerBound + (bucket.getKey() - lowerBound) * (rank - lowerCount) / inBucket;
            }
            lowerBound = bucket.getKey();
            lowerCount = bucket.getValue();
        }
        return lowerBound;
    }

    private static Set<String> labelValues(List<Tick> ticks, String name, String key) {
        Set<String> values = new TreeSet<>();
        ticks.forEach(t -> t.scrapes().forEach(s -> s.series().stream()
                .filter(series -> series.name().equals(name) && series.label(key) != null)
                .forEach(series -> values.add(series.label(key)))));
        return values;
    }

    private static double le(String text) {
        return "+Inf".equals(text) ? Double.POSITIVE_INFINITY : Double.parseDouble(text);
    }

    private static double[] seconds(List<Tick> ticks) {
        return ticks.stream().mapToDouble(Tick::seconds).toArray();
    }

    private static String format(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
    }
}
