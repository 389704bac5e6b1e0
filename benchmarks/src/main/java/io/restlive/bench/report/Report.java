package io.restlive.bench.report;

import java.util.List;
import java.util.Map;

/**
 * The results of one benchmark run, as written to {@code results.json}.
 *
 * @param startedAt when the run started, ISO-8601
 * @param commit the git commit measured ({@code git rev-parse HEAD}, with {@code -dirty} if the tree had changes)
 * @param machine what the run ran on, and how busy the machine was
 * @param options the sizes of the run, by flag
 * @param seconds how long the run took
 * @param scenarios the scenarios, in run order
 */
public record Report(String startedAt, String commit, Machine machine, Map<String, String> options, double seconds,
                     List<ScenarioResult> scenarios) {

    public Report {
        scenarios = List.copyOf(scenarios);
    }
}
