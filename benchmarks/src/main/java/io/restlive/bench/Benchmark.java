package io.restlive.bench;

import io.restlive.bench.load.ChangePublisher;
import io.restlive.bench.load.ProducerLibPublisher;
import io.restlive.bench.metrics.DashboardPanels;
import io.restlive.bench.metrics.MetricsSampler;
import io.restlive.bench.report.DashboardChart;
import io.restlive.bench.report.Machine;
import io.restlive.bench.report.Report;
import io.restlive.bench.report.ReportFiles;
import io.restlive.bench.report.ScenarioResult;
import io.restlive.bench.scenarios.AbuseScenario;
import io.restlive.bench.scenarios.EdgesScenario;
import io.restlive.bench.scenarios.FanOutScenario;
import io.restlive.bench.scenarios.FloorScenario;
import io.restlive.bench.scenarios.IdleScenario;
import io.restlive.bench.scenarios.MatchingScenario;
import io.restlive.bench.scenarios.Scenario;
import io.restlive.bench.scenarios.ScenarioContext;
import io.restlive.bench.scenarios.SharingScenario;
import io.restlive.bench.scenarios.StormScenario;
import io.restlive.bench.stack.BenchStack;
import io.restlive.bench.ws.WsLoadClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * One benchmark run: starts the stack, runs the selected scenarios one after the other against it, and
 * writes the report into {@code <results-dir>/<timestamp>/}. A scenario that fails is recorded with its
 * reason and the run goes on.
 */
public final class Benchmark {

    private static final Map<String, Supplier<Scenario>> SCENARIOS = Map.of(
            "fanout", FanOutScenario::new, "matching", MatchingScenario::new, "sharing", SharingScenario::new,
            "storm", StormScenario::new, "idle", IdleScenario::new, "floor", FloorScenario::new,
            "edges", EdgesScenario::new, "abuse", AbuseScenario::new);
    private static final DateTimeFormatter RUN_ID = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);
    private static final int LOG_TAIL_LINES = 30;

    /**
     * What a run produced.
     *
     * @param report the results
     * @param runDir the directory the files were written to
     */
    public record Outcome(Report report, Path runDir) {
    }

    private Benchmark() {
    }

    /**
     * Runs the benchmark.
     *
     * @param projectDir the project root, where the stack's jars are built
     * @param log receives progress lines
     */
    public static Outcome run(BenchmarkOptions options, Path projectDir, Consumer<String> log) {
        Instant started = Instant.now();
        String runId = RUN_ID.format(started);
        Path runDir = options.resultsDir().toAbsolutePath().resolve(runId);
        Machine machine = Machine.current();
        List<ScenarioResult> results = new ArrayList<>();
        log.accept("results go to " + runDir);
        try (BenchStack stack = BenchStack.start(projectDir, runDir, runId.replace("-", ""), options.edges(),
                options.stackJavaOptions(), options.bootstrapServers(), log);
             ChangePublisher publisher = ProducerLibPublisher.create(stack.bootstrapServers(), stack.topics());
             WsLoadClient ws = new WsLoadClient(options.sourceAddresses(),
                     Math.max(2, Runtime.getRuntime().availableProcessors()))) {
            MetricsSampler sampler = options.scrapeMetrics() ? sampler(stack) : null;
            ScenarioContext context = new ScenarioContext(options, stack, publisher, ws, log, sampler);
            try {
                for (String name : options.scenarios()) {
                    results.add(runScenario(SCENARIOS.get(name).get(), context, stack, log));
                }
            } finally {
                if (sampler != null) {
                    sampler.close();
                    drawDashboard(sampler, options, projectDir, runDir, started, log);
                }
            }
        } catch (RuntimeException e) {
            // The stack did not start (or stop): every scenario not run yet carries the reason.
            for (String name : options.scenarios().subList(results.size(), options.scenarios().size())) {
                results.add(failed(name, "the stack failed: " + e.getMessage()));
            }
        }
        Report report = new Report(started.toString(), GitCommit.of(projectDir), machine.withEndLoad(),
                options.asFlags(), (Instant.now().toEpochMilli() - started.toEpochMilli()) / 1000.0, results);
        ReportFiles.write(report, runDir);
        return new Outcome(report, runDir);
    }

    /** Scrapes the processor and every edge of the stack from now on. */
    private static MetricsSampler sampler(BenchStack stack) {
        MetricsSampler sampler = new MetricsSampler();
        sampler.addTarget("processor", MetricsSampler.Kind.PROCESSOR, stack.processorUrl());
        for (int edge = 1; edge <= stack.edgeCount(); edge++) {
            sampler.addTarget(stack.edgeId(edge), MetricsSampler.Kind.EDGE, stack.edgeUrl(edge));
        }
        return sampler;
    }

    private static void drawDashboard(MetricsSampler sampler, BenchmarkOptions options, Path projectDir, Path runDir,
                                      Instant started, Consumer<String> log) {
        if (sampler.ticks().size() < 2) {
            log.accept("too few metric scrapes for " + ReportFiles.DASHBOARD);
            return;
        }
        try {
            Files.createDirectories(runDir);
            DashboardChart.write(DashboardPanels.of(sampler.ticks()), sampler.phases(), "commit "
                    + GitCommit.of(projectDir) + ", scenarios " + String.join(",", options.scenarios()) + ", started "
                    + started.toString().substring(0, 19).replace('T', ' ') + " UTC", runDir.resolve(ReportFiles.DASHBOARD));
            log.accept("dashboard panels drawn into " + runDir.resolve(ReportFiles.DASHBOARD));
        } catch (RuntimeException | IOException e) {
            log.accept("could not draw " + ReportFiles.DASHBOARD + ": " + e);
        }
    }

    private static ScenarioResult runScenario(Scenario scenario, ScenarioContext context, BenchStack stack,
                                              Consumer<String> log) {
        log.accept("scenario " + scenario.name() + " starts");
        long start = System.nanoTime();
        long failuresBefore = context.publishFailures();
        try {
            stack.requireAlive();
            ScenarioResult result = scenario.run(context);
            long failures = context.publishFailures() - failuresBefore;
            if (failures > 0) {
                List<String> notes = new ArrayList<>(result.notes());
                notes.add(failures + " changes could not be published");
                result = new ScenarioResult(result.name(), result.title(), result.measures(), result.target(),
                        result.rows(), notes, result.error());
            }
            log.accept(String.format("scenario %s done in %.0f s", scenario.name(), (System.nanoTime() - start) / 1e9));
            return result;
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            log.accept("scenario " + scenario.name() + " failed: " + e + "\n" + stack.logTails(LOG_TAIL_LINES));
            return failed(scenario.name(), e.toString());
        }
    }

    private static ScenarioResult failed(String name, String error) {
        return new ScenarioResult(name, name, "", "", List.of(), List.of(), error);
    }
}
