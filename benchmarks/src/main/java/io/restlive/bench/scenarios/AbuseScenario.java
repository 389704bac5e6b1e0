package io.restlive.bench.scenarios;

import io.restlive.bench.BenchmarkOptions;
import io.restlive.bench.abuse.Abuse;
import io.restlive.bench.abuse.Abuser;
import io.restlive.bench.abuse.AbuserTally;
import io.restlive.bench.abuse.ConnectionFloodAbuse;
import io.restlive.bench.abuse.ManyGroupsAbuse;
import io.restlive.bench.abuse.OversizedValuesAbuse;
import io.restlive.bench.abuse.SubscribeChurnAbuse;
import io.restlive.bench.abuse.WindowPlan;
import io.restlive.bench.load.FixedRate;
import io.restlive.bench.load.Percentiles;
import io.restlive.bench.load.SentNanos;
import io.restlive.bench.load.StepLatencies;
import io.restlive.bench.load.Waits;
import io.restlive.bench.report.Metrics;
import io.restlive.bench.report.ResultRow;
import io.restlive.bench.report.ScenarioResult;
import io.restlive.bench.stack.BenchViews;
import io.restlive.bench.stack.DefaultLimitsEdge;
import io.restlive.bench.stack.ProcessStats;
import io.restlive.bench.ws.WsConnection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Abuse impact: what one misbehaving client does to the other users of its edge. Ordinary subscribers (the
 * victims) receive a steady change rate throughout; quiet windows alternate with one window per abuse, and
 * each abuse window's victim latency is compared with the quiet windows just before and after it. Runs on an
 * edge of its own with the default limits (the stack's edges have them lifted for the other scenarios).
 */
public final class AbuseScenario implements Scenario {

    private static final String MODEL = BenchViews.ABUSE;
    private static final List<Abuse> ABUSES = List.of(new ManyGroupsAbuse(), new SubscribeChurnAbuse(),
            new ConnectionFloodAbuse(), new OversizedValuesAbuse());
    /** Between windows: an abuse's clean-up (closing its connections) falls here, measured by neither window. */
    private static final Duration SETTLE = Duration.ofSeconds(1);
    private static final long ENTITIES = 100;
    private static final double TARGET_RATIO = 2.0;

    @Override
    public String name() {
        return "abuse";
    }

    @Override
    public ScenarioResult run(ScenarioContext context) {
        context.log("abuse: starting an edge with the default limits");
        List<String> notes = new ArrayList<>();
        List<ResultRow> rows;
        try (DefaultLimitsEdge edge = context.stack().startDefaultLimitsEdge(context.timeout())) {
            context.scrapeEdge(DefaultLimitsEdge.EDGE_ID, edge.baseUrl());
            try {
                rows = measure(context, edge, notes);
            } finally {
                context.stopScraping(DefaultLimitsEdge.EDGE_ID);
            }
        }
        BenchmarkOptions options = context.options();
        return new ScenarioResult(name(), "Abuse impact on the other users of an edge",
                options.abuseSubscribers() + " victims hold one list subscription each on " + BenchmarkOptions.ABUSE_GROUPS
                        + " groups of an edge with the default limits, and receive " + options.abuseRate()
                        + " changes/s throughout. Quiet windows alternate with one window per abuse, each "
                        + options.abuseWindow().toSeconds() + " s; latency is the victims' frames', from the"
                        + " change's intended publish time. p50_ratio and p99_ratio divide an abuse window's figure"
                        + " by that of the quiet windows just before and after it (their frames merged). abuser_*"
                        + " counts what the abusing client sent and how it was answered (error frame codes, handshake"
                        + " HTTP statuses); unrefused = sent - refused (accepted, or sent to a connection the edge was"
                        + " closing). A subscribing abuser reconnects when the edge closes it, at most every 100 ms;"
                        + " what it could not send meanwhile is counted as dropped, not sent. edge_cores and"
                        + " processor_cores: CPU over the window.",
                "victim p50 and p99 under each abuse within 2x of the quiet figure", rows, notes, null);
    }

    private List<ResultRow> measure(ScenarioContext context, DefaultLimitsEdge edge, List<String> notes) {
        BenchmarkOptions options = context.options();
        StepLatencies windows = new StepLatencies();
        List<WsConnection> victims = context.connect(edge.subscribeUrl(), options.abuseSubscribers(),
                (connection, text, arrival) -> {
                    long sent = SentNanos.in(text);
                    if (sent != SentNanos.NONE) {
                        windows.record(sent, arrival);
                    }
                });
        List<ResultRow> rows = new ArrayList<>();
        try {
            int groups = BenchmarkOptions.ABUSE_GROUPS;
            Map<Long, List<WsConnection>> byGroup = Subscriptions.subscribe(victims, MODEL, i -> i % groups);
            int notLive = Subscriptions.awaitLive(context, MODEL, byGroup, context.timeout());
            if (notLive > 0) {
                notes.add(notLive + " victims never received a probe frame: their subscriptions were not live");
            }
            long[] subscribers = new long[groups];
            byGroup.forEach((group, list) -> subscribers[group.intValue()] = list.size());
            rows.addAll(windows(context, edge, windows, subscribers, notes));
        } finally {
            context.disconnect(victims);
        }
        return rows;
    }

    private List<ResultRow> windows(ScenarioContext context, DefaultLimitsEdge edge, StepLatencies windows,
                                    long[] subscribers, List<String> notes) {
        BenchmarkOptions options = context.options();
        int rate = options.abuseRate();
        long windowNanos = options.abuseWindow().toNanos();
        long publishStart = System.nanoTime() + SETTLE.toNanos();
        AtomicBoolean publishing = new AtomicBoolean(true);
        Thread publisher = new Thread(() -> FixedRate.runWhile(rate, publishStart, publishing::get, (i, intended) ->
                context.publish(context.change(MODEL, i % ENTITIES, i % ENTITIES % subscribers.length, intended))),
                "abuse-victim-changes");
        publisher.start();
        WindowPlan plan = WindowPlan.around(ABUSES.stream().map(Abuse::label).toList(), options.abuseRounds());
        long[][] spans = new long[plan.windows().size()][];
        double[][] cores = new double[plan.windows().size()][];
        List<AbuserTally> tallies = new ArrayList<>();
        Abuser abuser = new Abuser(context.ws(), edge.subscribeUrl(), context.timeout());
        try {
            // Unreported: the fresh edge's JIT and the victims' first frames would otherwise count against the
            // first quiet window.
            context.log("abuse: warm-up (not reported)");
            Waits.pause(options.abuseWindow().multipliedBy(2));
            int abuse = 0;
            for (int w = 0; w < plan.windows().size(); w++) {
                long from = System.nanoTime() + SETTLE.toNanos();
                long to = from + windowNanos;
                spans[w] = new long[] {from, to};
                windows.addStep(from, to);
                context.phase(plan.windows().get(w), from, to);
                context.log("abuse: window " + (w + 1) + " of " + plan.windows().size() + ": " + plan.windows().get(w));
                Waits.pause(Duration.ofNanos(from - System.nanoTime()));
                long edgeCpu = ProcessStats.cpuNanos(edge.pid());
                long processorCpu = ProcessStats.cpuNanos(context.stack().processorPid());
                if (plan.isQuiet(w)) {
                    Waits.pause(Duration.ofNanos(to - System.nanoTime()));
                } else {
                    tallies.add(ABUSES.get(abuse++ % ABUSES.size()).run(abuser, to));
                }
                // CPU over the window and the abuse's clean-up, which a slow clean-up makes longer than the window.
                double seconds = Math.max(to, System.nanoTime()) - from;
                cores[w] = new double[] {(ProcessStats.cpuNanos(edge.pid()) - edgeCpu) / seconds,
                        (ProcessStats.cpuNanos(context.stack().processorPid()) - processorCpu) / seconds};
            }
            Waits.pause(SETTLE);
        } finally {
            publishing.set(false);
            try {
                publisher.join(context.timeout().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        long[] expected = new long[spans.length];
        for (int w = 0; w < spans.length; w++) {
            expected[w] = expectedFrames(spans[w], publishStart, rate, subscribers);
        }
        long[] expectedFinal = expected;
        if (!Waits.until(() -> allArrived(windows, expectedFinal), context.timeout())) {
            notes.add("some victim frames had not arrived after " + context.timeout().toSeconds() + " s (missing_frames)");
        }
        return rows(context, plan, windows, expected, cores, tallies, notes);
    }

    private static List<ResultRow> rows(ScenarioContext context, WindowPlan plan, StepLatencies windows,
                                        long[] expected, double[][] cores, List<AbuserTally> tallies,
                                        List<String> notes) {
        List<ResultRow> rows = new ArrayList<>();
        int quiet = 0;
        int abuse = 0;
        for (int w = 0; w < plan.windows().size(); w++) {
            Percentiles latency = windows.percentiles(w);
            Metrics metrics = Metrics.start()
                    .put("frames", windows.frames(w))
                    .put("missing_frames", expected[w] - windows.frames(w))
                    .putAll(latency.asMetrics());
            if (plan.isQuiet(w)) {
                rows.add(new ResultRow("quiet " + ++quiet, metrics.put("edge_cores", cores[w][0])
                        .put("processor_cores", cores[w][1]).map(), Map.of()));
                continue;
            }
            Percentiles around = windows.percentiles(plan.quietNeighbours(w));
            double p50Ratio = WindowPlan.ratio(latency.p50(), around.p50());
            double p99Ratio = WindowPlan.ratio(latency.p99(), around.p99());
            String label = plan.windows().get(w);
            rows.add(new ResultRow("abuse: " + label, metrics.put("edge_cores", cores[w][0])
                    .put("processor_cores", cores[w][1])
                    .put("p50_ratio", p50Ratio).put("p99_ratio", p99Ratio)
                    .putAll(tallies.get(abuse++).asMetrics()).map(), Map.of()));
            boolean met = p50Ratio <= TARGET_RATIO && p99Ratio <= TARGET_RATIO;
            notes.add(String.format(Locale.ROOT, "%s: victim p50 %.1f ms against %.1f ms quiet (%.2fx), p99 %.1f ms"
                    + " against %.1f ms (%.2fx): 2x target %s", label, latency.p50(), around.p50(), p50Ratio,
                    latency.p99(), around.p99(), p99Ratio, met ? "met" : "NOT met"));
        }
        context.log("abuse: done");
        return rows;
    }

    /** Frames the victims should receive for the changes whose intended time falls in {@code span}. */
    static long expectedFrames(long[] span, long publishStart, int rate, long[] subscribers) {
        long first = firstChangeAtOrAfter(span[0], publishStart, rate);
        long end = firstChangeAtOrAfter(span[1], publishStart, rate);
        long frames = 0;
        for (long i = first; i < end; i++) {
            frames += subscribers[(int) (i % ENTITIES % subscribers.length)];
        }
        return frames;
    }

    /** The index of the first change {@link FixedRate} schedules at or after {@code nanos}. */
    private static long firstChangeAtOrAfter(long nanos, long publishStart, int rate) {
        double interval = 1e9 / rate;
        long i = Math.max(0, (long) ((nanos - publishStart) / interval) - 1);
        while (publishStart + (long) (i * interval) < nanos) {
            i++;
        }
        return i;
    }

    private static boolean allArrived(StepLatencies windows, long[] expected) {
        for (int w = 0; w < expected.length; w++) {
            if (windows.frames(w) < expected[w]) {
                return false;
            }
        }
        return true;
    }
}
