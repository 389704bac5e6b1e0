package io.restlive.bench.metrics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the Prometheus text format ({@code /actuator/prometheus}): one sample a line,
 * {@code name{label="value",...} number}. Keeps only the series whose name starts with a given prefix: the
 * dashboard needs rest-live's own, not the few hundred JVM and HTTP series beside them.
 */
public final class PrometheusText {

    /**
     * One sample of a series.
     *
     * @param name the metric name, e.g. {@code restlive_edge_frames_sent_total}
     * @param labels its labels
     * @param value the sample
     */
    public record Series(String name, Map<String, String> labels, double value) {

        /** One label's value, or {@code null}. */
        public String label(String key) {
            return labels.get(key);
        }
    }

    private PrometheusText() {
    }

    /** The samples of {@code body} whose name starts with {@code prefix}; lines it cannot read are skipped. */
    public static List<Series> parse(String body, String prefix) {
        List<Series> series = new ArrayList<>();
        for (String line : body.split("\n")) {
            if (line.startsWith(prefix)) {
                Series sample = line(line.strip());
                if (sample != null) {
                    series.add(sample);
                }
            }
        }
        return series;
    }

    private static Series line(String line) {
        int brace = line.indexOf('{');
        int space = line.indexOf(' ');
        Map<String, String> labels = new LinkedHashMap<>();
        int valueStart;
        String name;
        if (brace >= 0 && (space < 0 || brace < space)) {
            name = line.substring(0, brace);
            int end = labels(line, brace + 1, labels);
            if (end < 0) {
                return null;
            }
            valueStart = end + 1;
        } else if (space > 0) {
            name = line.substring(0, space);
            valueStart = space;
        } else {
            return null;
        }
        String[] rest = line.substring(valueStart).trim().split("\\s+");
        try {
            return new Series(name, labels, number(rest[0]));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Reads {@code key="value",...} from {@code from}; returns the index of the closing brace, or -1. */
    private static int labels(String line, int from, Map<String, String> labels) {
        int i = from;
        while (i < line.length()) {
            if (line.charAt(i) == '}') {
                return i;
            }
            int eq = line.indexOf('=', i);
            if (eq < 0 || eq + 1 >= line.length() || line.charAt(eq + 1) != '"') {
                return -1;
            }
            String key = line.substring(i, eq).trim();
            StringBuilder value = new StringBuilder();
            int k = eq + 2;
            while (k < line.length() && line.charAt(k) != '"') {
                if (line.charAt(k) == '\\' && k + 1 < line.length()) {
                    k++;
                }
                value.append(line.charAt(k++));
            }
            labels.put(key, value.toString());
            i = k + 1;
            if (i < line.length() && line.charAt(i) == ',') {
                i++;
            }
        }
        return -1;
    }

    private static double number(String text) {
        return switch (text) {
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            case "NaN" -> Double.NaN;
            default -> Double.parseDouble(text);
        };
    }
}
