package io.restlive.bench.report;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The report as plain-text tables, one per scenario: each row's rest-live figures, then under them Kafka's
 * figures and the ratio rest-live / Kafka for those that have a counterpart.
 */
public final class ReportTable {

    private ReportTable() {
    }

    public static String render(Report report) {
        StringBuilder out = new StringBuilder();
        out.append("rest-live benchmark, commit ").append(report.commit()).append(", started ")
                .append(report.startedAt()).append(String.format(Locale.ROOT, ", %.0f s%n", report.seconds()));
        Machine m = report.machine();
        out.append(String.format(Locale.ROOT, "machine: %s, %d cores, %.1f GB, %s, %s; load average %.2f -> %.2f%n",
                m.cpu(), m.cores(), m.memoryGb(), m.os(), m.java(), m.loadAverageAtStart(), m.loadAverageAtEnd()));
        for (ScenarioResult scenario : report.scenarios()) {
            out.append('\n').append("== ").append(scenario.name()).append(": ").append(scenario.title()).append('\n');
            if (scenario.error() != null) {
                out.append("FAILED: ").append(scenario.error()).append('\n');
            }
            if (!scenario.rows().isEmpty()) {
                out.append(table(scenario.rows()));
            }
            scenario.notes().forEach(note -> out.append("  note: ").append(note).append('\n'));
        }
        return out.toString();
    }

    private static String table(List<ResultRow> rows) {
        Set<String> metrics = new LinkedHashSet<>();
        rows.forEach(row -> metrics.addAll(row.restLive().keySet()));
        List<String> header = new ArrayList<>(List.of(""));
        header.addAll(metrics);
        List<List<String>> lines = new ArrayList<>(List.of(header));
        for (ResultRow row : rows) {
            lines.add(line(row.label(), metrics, row.restLive(), ReportTable::format));
            if (!row.kafka().isEmpty()) {
                lines.add(line("  kafka alone", metrics, row.kafka(), ReportTable::format));
                lines.add(line("  rest-live / kafka", metrics, row.ratios(),
                        ratio -> ratio == null ? "-" : String.format(Locale.ROOT, "%.2fx", ratio)));
            }
        }
        return align(lines);
    }

    private static List<String> line(String label, Set<String> metrics, Map<String, Double> values,
                                     Function<Double, String> format) {
        List<String> line = new ArrayList<>(List.of(label));
        metrics.forEach(metric -> line.add(format.apply(values.get(metric))));
        return line;
    }

    /** A figure with three significant digits, thousands grouped above 1,000. */
    public static String format(Double value) {
        if (value == null || value.isNaN()) {
            return "-";
        }
        double abs = Math.abs(value);
        if (abs >= 1000) {
            return String.format(Locale.ROOT, "%,.0f", value);
        }
        if (abs >= 100 || value == Math.rint(value)) {
            return String.format(Locale.ROOT, "%.0f", value);
        }
        return String.format(Locale.ROOT, abs >= 10 ? "%.1f" : abs >= 1 ? "%.2f" : "%.3f", value);
    }

    private static String align(List<List<String>> lines) {
        int columns = lines.get(0).size();
        int[] widths = new int[columns];
        lines.forEach(line -> {
            for (int c = 0; c < columns; c++) {
                widths[c] = Math.max(widths[c], line.get(c).length());
            }
        });
        StringBuilder out = new StringBuilder();
        for (List<String> line : lines) {
            out.append("  ");
            for (int c = 0; c < columns; c++) {
                String cell = line.get(c);
                out.append(c == 0 ? pad(cell, widths[c], false) : pad(cell, widths[c], true));
                out.append(c < columns - 1 ? "  " : "\n");
            }
        }
        return out.toString();
    }

    private static String pad(String text, int width, boolean right) {
        String spaces = " ".repeat(width - text.length());
        return right ? spaces + text : text + spaces;
    }
}
