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
import io.restlive.bench.stack.RelayProcess;
import io.restlive.bench.ws.FrameHandler;
import io.restlive.bench.ws.WsConnection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Scenario 1, fan-out under load: many connections, each with one list subscription to one of a few
 * parameter values, while changes arrive at stepped fixed rates. The same load runs twice: against
 * rest-live, then against a hand-written relay ({@link io.restlive.bench.relay.RelayMain}) on the same broker
 * and changes, which every row is compared with.
 */
public final class FanOutScenario implements Scenario {

    private static final String MODEL = BenchViews.FANOUT;
    private static final long STEP_LEAD_NANOS = Duration.ofMillis(200).toNanos();

    /** What one pass measured at one rate. */
    private record Step(Map<String, Double> metrics, Percentiles latency) {
    }

    @Override
    public String name() {
        return "fanout";
    }

    @Override
    public ScenarioResult run(ScenarioContext context) {
        BenchmarkOptions options = context.options();
        List<String> notes = new ArrayList<>();
        Map<Integer, Step> restLive = pass(context, "rest-live", handler -> context.connect(options.connections(), 0, handler),
                () -> CpuSnapshot.take(context.stack()), notes);
        Map<Integer, Step> relay;
        try (RelayProcess process = RelayProcess.start(context.stack(), context.stack().logDir(), MODEL, "group",
                context.timeout())) {
            relay = pass(context, "relay", handler -> context.connect(process.subscribeUrl(), options.connections(), handler),
                    () -> CpuSnapshot.take("relay", process.pid()), notes);
        }
        List<ResultRow> rows = new ArrayList<>();
        for (int rate : options.rates()) {
            rows.add(row(context, rate, restLive.get(rate), relay.get(rate)));
        }
        return new ScenarioResult(name(), "Fan-out under load",
                "Connections each hold one list subscription to one of " + options.groupValues() + " parameter values;"
                        + " changes are published through producer-lib at each fixed rate for "
                        + options.stepDuration().toSeconds() + " s. delivered_per_s counts frames received by the"
                        + " clients; latency runs from the change's intended publish time (carried in the instance)"
                        + " to the frame's arrival. relay_*: the same connections, subscriptions and changes against a"
                        + " hand-written relay (one process: a Kafka consumer of the changes topic, a map of entities,"
                        + " an index of subscribers, one frame per group) run after rest-live; p99_vs_relay and"
                        + " p50_vs_relay divide rest-live's figure by the relay's; cpu_per_frame_vs_relay divides"
                        + " the processor's and edges' CPU per delivered frame by the relay's. Kafka: the same changes"
                        + " at the same rate, produce to consume.",
                ">= 40,000 delivered/s at p99 <= 100 ms with 10,000 connections; p99 and CPU per frame <= 1.5x the"
                        + " relay's", rows, notes, null);
    }

    /** Opens the connections with {@code connect}, subscribes them, and runs a warm-up step and every rate. */
    private Map<Integer, Step> pass(ScenarioContext context, String who,
                                    Function<FrameHandler, List<WsConnection>> connect,
                                    Supplier<CpuSnapshot> cpu, List<String> notes) {
        BenchmarkOptions options = context.options();
        StepLatencies steps = new StepLatencies();
        context.log("fanout (" + who + "): opening " + options.connections() + " connections");
        long openStart = System.nanoTime();
        List<WsConnection> connections = connect.apply((c, text, arrival) -> {
            long sent = SentNanos.in(text);
            if (sent != SentNanos.NONE) {
                steps.record(sent, arrival);
            }
        });
        notes.add(String.format("%s: %d connections opened in %.1f s", who, connections.size(),
                (System.nanoTime() - openStart) / 1e9));
        Map<Integer, Step> byRate = new LinkedHashMap<>();
        try {
            int values = options.groupValues();
            Map<Long, List<WsConnection>> byGroup = Subscriptions.subscribe(connections, MODEL, i -> i % values);
            int notLive = Subscriptions.awaitLive(context, MODEL, byGroup, context.timeout());
            if (notLive > 0) {
                notes.add(who + ": " + notLive + " connections never received a probe frame: their subscriptions"
                        + " were not live");
            }
            long[] subscribers = new long[values];
            byGroup.forEach((group, list) -> subscribers[group.intValue()] = list.size());
            // One unreported step first: the first measured step otherwise pays for the JIT and the cold
            // caches of five JVMs, which no steady load does (the storm showed the same effect).
            int warmUpRate = options.rates().get(0);
            context.log("fanout (" + who + "): warm-up step (not reported)");
            step(context, who, steps, subscribers, warmUpRate, cpu, notes);
            notes.add(who + ": a warm-up step at " + warmUpRate + " changes/s ran first and is not reported");
            for (int rate : options.rates()) {
                byRate.put(rate, step(context, who, steps, subscribers, rate, cpu, notes));
            }
        } finally {
            int open = context.disconnect(connections);
            if (open > 0) {
                notes.add(who + ": " + open + " connections did not close in time");
            }
        }
        return byRate;
    }

    private Step step(ScenarioContext context, String who, StepLatencies steps, long[] subscribers, int rate,
                      Supplier<CpuSnapshot> cpu, List<String> notes) {
        int values = subscribers.length;
        long entities = values * 10L;
        int count = (int) Math.max(1, rate * context.options().stepDuration().toMillis() / 1000);
        long start = System.nanoTime() + STEP_LEAD_NANOS;
        int step = steps.addStep(start, start + (long) (count * 1e9 / rate));
        long expected = 0;
        for (int i = 0; i < count; i++) {
            expected += subscribers[(int) (i % entities % values)];
        }
        context.log("fanout (" + who + "): " + rate + " changes/s for " + count + " changes, " + expected
                + " frames expected");
        CpuSnapshot cpuBefore = cpu.get();
        FixedRate.run(count, rate, start, (i, intended) ->
                context.publish(context.change(MODEL, i % entities, i % entities % values, intended)));
        double publishSeconds = (System.nanoTime() - start) / 1e9;
        long expectedFrames = expected;
        if (!Waits.until(() -> steps.frames(step) >= expectedFrames, context.timeout())) {
            notes.add(who + ", " + rate + " changes/s: " + (expectedFrames - steps.frames(step)) + " of "
                    + expectedFrames + " frames had not arrived after " + context.timeout().toSeconds() + " s");
        }
        Map<String, Double> cores = cpu.get().coresSince(cpuBefore);
        long frames = steps.frames(step);
        double seconds = (steps.lastArrivalNanos(step) - start) / 1e9;
        Percentiles latency = steps.percentiles(step);
        return new Step(Metrics.start()
                .put("changes_per_s", count / publishSeconds)
                .put("delivered_per_s", seconds > 0 ? frames / seconds : 0)
                .putAll(latency.asMetrics())
                .put("missing_frames", expectedFrames - frames)
                .putAll(cores)
                .map(), latency);
    }

    private static void putRatio(Map<String, Double> metrics, String name, double value, double relay) {
        if (relay > 0 && Double.isFinite(value) && Double.isFinite(relay)) {
            metrics.put(name, value / relay);
        }
    }

    private ResultRow row(ScenarioContext context, int rate, Step restLive, Step relay) {
        int values = context.options().groupValues();
        long entities = values * 10L;
        int count = (int) Math.max(1, rate * context.options().stepDuration().toMillis() / 1000);
        Map<String, Double> metrics = new LinkedHashMap<>(restLive.metrics());
        relay.metrics().forEach((name, value) -> metrics.put("relay_" + name.replace("relay_", ""), value));
        // A ratio whose divisor measured 0 (a tiny run: no CPU tick in the step) is left out, not infinite.
        putRatio(metrics, "p50_vs_relay", restLive.latency().p50(), relay.latency().p50());
        putRatio(metrics, "p99_vs_relay", restLive.latency().p99(), relay.latency().p99());
        double restLiveCores = restLive.metrics().getOrDefault("processor_cores", 0.0)
                + restLive.metrics().getOrDefault("edges_cores", 0.0);
        double relayCores = relay.metrics().getOrDefault("relay_cores", 0.0);
        double restLivePerFrame = restLiveCores / restLive.metrics().getOrDefault("delivered_per_s", 1.0);
        double relayPerFrame = relayCores / relay.metrics().getOrDefault("delivered_per_s", 1.0);
        putRatio(metrics, "cpu_per_frame_vs_relay", restLivePerFrame, relayPerFrame);
        BaselineResult kafka = context.baseline().fixedRate("fanout-" + rate, count, rate,
                (i, sent) -> context.change(MODEL, i % entities, i % entities % values, sent), context.timeout());
        return new ResultRow(rate + " changes/s", metrics, Metrics.start()
                .put("changes_per_s", kafka.perSecond())
                .put("delivered_per_s", kafka.perSecond())
                .putAll(kafka.latency().asMetrics()).map());
    }
}
