package io.restlive.bench.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes a run's results into its directory: {@code results.json}, {@code results.txt}, {@code latency.png}. */
public final class ReportFiles {

    public static final String JSON = "results.json";
    public static final String TABLE = "results.txt";
    public static final String CHART = "latency.png";
    /** The dashboard's main panels, drawn when {@code --scrape-metrics on}. */
    public static final String DASHBOARD = "dashboard.png";

    private ReportFiles() {
    }

    /** Writes the files; the chart only when the fan-out scenario has rows. */
    public static void write(Report report, Path runDir) {
        try {
            Files.createDirectories(runDir);
            ReportJson.write(report, runDir.resolve(JSON));
            Files.writeString(runDir.resolve(TABLE), ReportTable.render(report));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the results into " + runDir, e);
        }
        report.scenarios().stream()
                .filter(s -> s.name().equals("fanout") && !s.rows().isEmpty())
                .findFirst()
                .ifPresent(fanout -> LatencyChart.write(fanout, "commit " + report.commit() + ", "
                        + report.machine().cores() + " cores, " + report.options().get("--connections")
                        + " connections", runDir.resolve(CHART)));
    }
}
