package io.restlive.bench.scenarios;

import io.restlive.bench.BenchmarkOptions;
import io.restlive.bench.kafka.BaselineResult;
import io.restlive.bench.kafka.GroupRegistrar;
import io.restlive.bench.load.BenchChange;
import io.restlive.bench.load.SentNanos;
import io.restlive.bench.load.StepLatencies;
import io.restlive.bench.load.Waits;
import io.restlive.bench.report.Metrics;
import io.restlive.bench.report.ResultRow;
import io.restlive.bench.report.ScenarioResult;
import io.restlive.bench.stack.BenchViews;
import io.restlive.bench.ws.WsConnection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Scenario 3, sharing: the processor's CPU per change must not depend on how many subscribers share the
 * groups, because it evaluates each group once and the edges fan out.
 */
public final class SharingScenario implements Scenario {

    private static final String MODEL = BenchViews.SHARING;
    private static final long PK_STRIDE = 100_000_000L;
    private static final long GROUP_STRIDE = 1_000;
    private static final long WARM_UP_GROUP = 900_000;
    private static final int MAX_WARM_UP_CHANGES = 10_000;

    @Override
    public String name() {
        return "sharing";
    }

    @Override
    public ScenarioResult run(ScenarioContext context) throws Exception {
        BenchmarkOptions options = context.options();
        List<ResultRow> rows = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        warmUp(context);
        for (int k = 0; k < options.sharingSubscribers().size(); k++) {
            rows.add(measure(context, k, options.sharingSubscribers().get(k), notes));
        }
        double first = rows.get(0).restLive().get("cpu_us_per_change");
        double last = rows.get(rows.size() - 1).restLive().get("cpu_us_per_change");
        notes.add(String.format("processor CPU per change, %s against %s: %.2fx (target <= 1.2x)",
                rows.get(rows.size() - 1).label(), rows.get(0).label(), last / first));
        return new ScenarioResult(name(), "Sharing: subscribers per group",
                "The same " + options.sharingGroups() + " groups held by few and by many subscribers; "
                        + options.sharingChanges() + " changes (one group each) are published at once through"
                        + " producer-lib. cpu_us_per_change is the processor process's CPU time per change (from"
                        + " /proc, idle burn removed) until the last broadcast is written; changes_per_s the rate of"
                        + " broadcasts; delivered_per_s the frames the clients received. Kafka: the same records"
                        + " produced at once and consumed, with the broker's CPU per record.",
                "processor CPU per change with 10,000 subscribers within 1.2x of that with 10", rows, notes, null);
    }

    /**
     * Runs the processor's path for this model hot before measuring, or the first row pays for the JIT. The
     * warm-up groups are announced for an edge that does not exist, so no client receives anything.
     */
    private static void warmUp(ScenarioContext context) throws Exception {
        int groups = context.options().sharingGroups();
        int changes = Math.min(MAX_WARM_UP_CHANGES, 10 * context.options().sharingChanges());
        context.log("sharing: warm-up, " + changes + " changes to " + groups + " groups without subscribers");
        try (GroupRegistrar registrar = new GroupRegistrar(context.kafka(), context.stack().topics().subscriptions(), context.dataPartitions(),
                BenchViews.view("sharing"), "bench-warm-up")) {
            registrar.join(WARM_UP_GROUP, WARM_UP_GROUP + groups);
            try {
                if (!GroupProbe.awaitLive(context, MODEL, WARM_UP_GROUP + groups - 1, context.timeout())) {
                    throw new IllegalStateException("the warm-up groups never became live");
                }
                List<BenchChange> batch = new ArrayList<>(changes);
                for (int i = 0; i < changes; i++) {
                    batch.add(context.change(MODEL, i, WARM_UP_GROUP + i % groups, System.nanoTime()));
                }
                BroadcastBurst.run(context, MODEL, batch);
            } finally {
                registrar.leave(WARM_UP_GROUP, WARM_UP_GROUP + groups);
            }
        }
    }

    private ResultRow measure(ScenarioContext context, int run, int subscribers, List<String> notes) throws Exception {
        int groups = context.options().sharingGroups();
        int changes = context.options().sharingChanges();
        long base = run * GROUP_STRIDE;
        StepLatencies frames = new StepLatencies();
        context.log("sharing: " + subscribers + " subscribers in " + groups + " groups");
        List<WsConnection> connections = context.connect(subscribers, 0, (c, text, arrival) -> {
            long sent = SentNanos.in(text);
            if (sent != SentNanos.NONE) {
                frames.record(sent, arrival);
            }
        });
        String label = subscribers + " subscribers in " + groups + " groups";
        try {
            Map<Long, List<WsConnection>> byGroup = Subscriptions.subscribe(connections, MODEL, i -> base + i % groups);
            int notLive = Subscriptions.awaitLive(context, MODEL, byGroup, context.timeout());
            if (notLive > 0) {
                notes.add(label + ": " + notLive + " connections never received a probe frame");
            }
            long expectedFrames = 0;
            List<BenchChange> batch = new ArrayList<>(changes);
            long start = System.nanoTime();
            int step = frames.addStep(start, start + Duration.ofHours(1).toNanos());
            for (int i = 0; i < changes; i++) {
                batch.add(context.change(MODEL, (run + 1) * PK_STRIDE + i, base + i % groups, start));
                expectedFrames += byGroup.get(base + i % groups).size();
            }
            BroadcastBurst.Result burst = BroadcastBurst.run(context, MODEL, batch);
            long expected = expectedFrames;
            if (!Waits.until(() -> frames.frames(step) >= expected, context.timeout())) {
                notes.add(label + ": " + (expected - frames.frames(step)) + " of " + expected + " frames missing");
            }
            double deliverSeconds = (frames.lastArrivalNanos(step) - start) / 1e9;
            Map<String, Double> restLive = Metrics.start()
                    .put("cpu_us_per_change", burst.cpuNanos() / 1_000 / changes)
                    .put("changes_per_s", burst.changesPerSecond(changes))
                    .put("delivered_per_s", deliverSeconds > 0 ? frames.frames(step) / deliverSeconds : 0)
                    .put("missing_frames", expected - frames.frames(step))
                    .map();
            BaselineResult kafka = context.baseline().burst("sharing-" + subscribers, changes,
                    (i, sent) -> context.change(MODEL, (run + 1) * PK_STRIDE + i, base + i % groups, sent),
                    context.timeout());
            return new ResultRow(label, restLive, Metrics.start()
                    .put("cpu_us_per_change", kafka.brokerCpuMicrosPerRecord())
                    .put("changes_per_s", kafka.perSecond())
                    .map());
        } finally {
            context.disconnect(connections);
        }
    }
}
