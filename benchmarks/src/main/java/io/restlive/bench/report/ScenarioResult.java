package io.restlive.bench.report;

import java.util.List;

/**
 * What one scenario measured.
 *
 * @param name the scenario's flag name ({@code fanout}, {@code matching}, ...)
 * @param title one line naming the scenario
 * @param measures what the figures mean and how they were taken
 * @param target the figure the project aims for, in words
 * @param rows the measurements, one per step or variant
 * @param notes anything that limits the figures: skipped steps, losses, timeouts
 * @param error why the scenario could not finish, or {@code null}
 */
public record ScenarioResult(String name, String title, String measures, String target, List<ResultRow> rows,
                             List<String> notes, String error) {

    public ScenarioResult {
        rows = List.copyOf(rows);
        notes = List.copyOf(notes);
    }

    /** True if the scenario finished and every row holds at least one figure. */
    public boolean hasNumbers() {
        return error == null && !rows.isEmpty() && rows.stream().allMatch(row -> !row.restLive().isEmpty());
    }
}
