package io.restlive.bench.scenarios;

import io.restlive.bench.BenchmarkOptions;
import io.restlive.bench.kafka.BaselineResult;
import io.restlive.bench.load.FixedRate;
import io.restlive.bench.load.Percentiles;
import io.restlive.bench.load.SentNanos;
import io.restlive.bench.load.StepLatencies;
import io.restlive.bench.load.Waits;
import io.restlive.bench.report.Metrics;
import io.restlive.bench.report.ResultRow;
import io.restlive.bench.report.ScenarioResult;
import io.restlive.bench.stack.BenchViews;
import io.restlive.bench.stack.CpuSnapshot;
import io.restlive.bench.ws.WsConnection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Scenario 1, fan-out under load: many connections, each with one list subscription to one of a few
 * parameter values, while changes arrive at stepped fixed rates.
 */
public final class FanOutScenario implements Scenario {

    private static final String MODEL = BenchViews.FANOUT;
    private static final long STEP_LEAD_NANOS = Duration.ofMillis(200).toNanos();

    @Override
    public String name() {
        return "fanout";
    }

    @Override
    public ScenarioResult run(ScenarioContext context) {
        BenchmarkOptions options = context.options();
        StepLatencies steps = new StepLatencies();
        List<String> notes = new ArrayList<>();
        context.log("fanout: opening " + options.connections() + " connections");
        long openStart = System.nanoTime();
        List<WsConnection> connections = context.connect(options.connections(), 0, (c, text, arrival) -> {
            long sent = SentNanos.in(text);
            if (sent != SentNanos.NONE) {
                steps.record(sent, arrival);
            }
        });
        notes.add(String.format("%d connections opened in %.1f s", connections.size(),
                (System.nanoTime() - openStart) / 1e9));
        List<ResultRow> rows = new ArrayList<>();
        try {
            int values = options.groupValues();
            Map<Long, List<WsConnection>> byGroup = Subscriptions.subscribe(connections, MODEL, i -> i % values);
            int notLive = Subscriptions.awaitLive(context, MODEL, byGroup, context.timeout());
            if (notLive > 0) {
                notes.add(notLive + " connections never received a probe frame: their subscriptions were not live");
            }
            long[] subscribers = new long[values];
            byGroup.forEach((group, list) -> subscribers[group.intValue()] = list.size());
            // One unreported step first: the first measured step otherwise pays for the JIT and the cold
            // caches of five JVMs, which no steady load does (the storm showed the same effect).
            int warmUpRate = options.rates().get(0);
            context.log("fanout: warm-up step (not reported)");
            step(context, steps, subscribers, warmUpRate, notes, false);
            notes.add("a warm-up step at " + warmUpRate + " changes/s ran first and is not reported");
            for (int rate : options.rates()) {
                rows.add(step(context, steps, subscribers, rate, notes, true));
            }
        } finally {
            int open = context.disconnect(connections);
            if (open > 0) {
                notes.add(open + " connections did not close in time");
            }
        }
        return new ScenarioResult(name(), "Fan-out under load",
                "Connections each hold one list subscription to one of " + options.groupValues() + " parameter values;"
                        + " changes are published through producer-lib at each fixed rate for "
                        + options.stepDuration().toSeconds() + " s. delivered_per_s counts frames received by the"
                        + " clients; latency runs from the change's intended publish time (carried in the instance)"
                        + " to the frame's arrival. Kafka: the same changes at the same rate, produce to consume.",
                ">= 40,000 delivered/s at p99 <= 100 ms with 10,000 connections", rows, notes, null);
    }

    private ResultRow step(ScenarioContext context, StepLatencies steps, long[] subscribers, int rate,
                           List<String> notes, boolean withBaseline) {
        int values = subscribers.length;
        long entities = values * 10L;
        int count = (int) Math.max(1, rate * context.options().stepDuration().toMillis() / 1000);
        long start = System.nanoTime() + STEP_LEAD_NANOS;
        int step = steps.addStep(start, start + (long) (count * 1e9 / rate));
        long expected = 0;
        for (int i = 0; i < count; i++) {
            expected += subscribers[(int) (i % entities % values)];
        }
        context.log("fanout: " + rate + " changes/s for " + count + " changes, " + expected + " frames expected");
        CpuSnapshot cpuBefore = CpuSnapshot.take(context.stack());
        FixedRate.run(count, rate, start, (i, intended) ->
                context.publish(context.change(MODEL, i % entities, i % entities % values, intended)));
        double publishSeconds = (System.nanoTime() - start) / 1e9;
        long expectedFrames = expected;
        if (!Waits.until(() -> steps.frames(step) >= expectedFrames, context.timeout())) {
            notes.add(rate + " changes/s: " + (expectedFrames - steps.frames(step)) + " of " + expectedFrames
                    + " frames had not arrived after " + context.timeout().toSeconds() + " s");
        }
        Map<String, Double> cores = CpuSnapshot.take(context.stack()).coresSince(cpuBefore);
        long frames = steps.frames(step);
        double seconds = (steps.lastArrivalNanos(step) - start) / 1e9;
        Percentiles latency = steps.percentiles(step);
        Map<String, Double> restLive = Metrics.start()
                .put("changes_per_s", count / publishSeconds)
                .put("delivered_per_s", seconds > 0 ? frames / seconds : 0)
                .putAll(latency.asMetrics())
                .put("missing_frames", expectedFrames - frames)
                .putAll(cores)
                .map();
        if (!withBaseline) {
            return new ResultRow(rate + " changes/s (warm-up)", restLive, Map.of());
        }
        BaselineResult kafka = context.baseline().fixedRate("fanout-" + rate, count, rate,
                (i, sent) -> context.change(MODEL, i % entities, i % entities % values, sent), context.timeout());
        return new ResultRow(rate + " changes/s", restLive, Metrics.start()
                .put("changes_per_s", kafka.perSecond())
                .put("delivered_per_s", kafka.perSecond())
                .putAll(kafka.latency().asMetrics()).map());
    }
}
