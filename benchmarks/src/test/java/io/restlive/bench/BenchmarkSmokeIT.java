package io.restlive.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.restlive.bench.report.Report;
import io.restlive.bench.report.ReportFiles;
import io.restlive.bench.report.ReportJson;
import io.restlive.bench.report.ScenarioResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Runs the whole harness end to end with tiny sizes on the real processes (dev broker, processor, edge) and
 * checks that the report holds every scenario with numbers. Nothing here is timed: the figures of a smoke
 * run on a shared machine mean nothing, only their presence does.
 */
class BenchmarkSmokeIT {

    @Test
    void shouldReportEveryScenarioWithNumbers() throws Exception {
        // given
        Path projectDir = Path.of(System.getProperty("rest-live.project-dir", "..")).toAbsolutePath().normalize();
        BenchmarkOptions options = BenchmarkOptions.smoke(Path.of("target/smoke-results"));

        // when
        Benchmark.Outcome outcome = Benchmark.run(options, projectDir, line -> System.out.println("[smoke] " + line));

        // then
        Report report = outcome.report();
        assertThat(report.scenarios()).extracting(ScenarioResult::name)
                .containsExactlyElementsOf(BenchmarkOptions.ALL_SCENARIOS);
        for (ScenarioResult scenario : report.scenarios()) {
            assertThat(scenario.error()).as("error of %s", scenario.name()).isNull();
            assertThat(scenario.rows()).as("rows of %s", scenario.name()).isNotEmpty();
            scenario.rows().forEach(row -> assertThat(row.restLive().values())
                    .as("figures of %s / %s", scenario.name(), row.label())
                    .isNotEmpty()
                    .allSatisfy(value -> assertThat(value).isNotNaN()));
        }
        // idle and edges have no Kafka counterpart; abuse compares its windows with its own quiet windows instead.
        assertThat(report.scenarios()).filteredOn(s -> !List.of("idle", "edges", "abuse").contains(s.name()))
                .allSatisfy(s -> assertThat(s.rows()).allSatisfy(row -> assertThat(row.ratios()).isNotEmpty()));
        assertThat(ReportJson.read(outcome.runDir().resolve(ReportFiles.JSON)).scenarios())
                .hasSize(BenchmarkOptions.ALL_SCENARIOS.size());
        assertThat(outcome.runDir().resolve(ReportFiles.TABLE)).isNotEmptyFile();
        assertThat(Files.size(outcome.runDir().resolve(ReportFiles.CHART))).isPositive();
        assertThat(Files.size(outcome.runDir().resolve(ReportFiles.DASHBOARD))).isPositive();
    }
}
