package io.restlive.bench.scenarios;

import io.restlive.bench.kafka.BaselineResult;
import io.restlive.bench.kafka.GroupRegistrar;
import io.restlive.bench.load.BenchChange;
import io.restlive.bench.report.Metrics;
import io.restlive.bench.report.ResultRow;
import io.restlive.bench.report.ScenarioResult;
import io.restlive.bench.stack.BenchViews;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Scenario 2, matching cost against the number of groups: changes per second one processor stream thread
 * sustains while 1k, 100k, 1M distinct list groups with equality filters are live.
 *
 * <p>Measured on the real processor process (one stream thread, {@code REST_LIVE_STREAM_THREADS=1}), not
 * in-process: the processor ships as a repackaged Spring Boot jar whose classes are not on a dependency's
 * classpath, and the process includes what a deployment pays per change (Avro decoding, the RocksDB entity
 * store, the broadcast producer). Groups are announced straight onto the subscriptions topic, as an edge
 * would, because a million groups need a million distinct subscriptions.
 */
public final class MatchingScenario implements Scenario {

    private static final String MODEL = BenchViews.MATCHING;
    private static final String EDGE_ID = "bench-matching";
    private static final long PK_STRIDE = 100_000_000L;

    @Override
    public String name() {
        return "matching";
    }

    @Override
    public ScenarioResult run(ScenarioContext context) throws Exception {
        List<ResultRow> rows = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        int changes = context.options().matchingChanges();
        long registered = 0;
        try (GroupRegistrar registrar = new GroupRegistrar(context.kafka(), context.stack().topics().subscriptions(), context.dataPartitions(),
                BenchViews.view("matching"), EDGE_ID);
             StreamsFloor floor = StreamsFloor.start(context.kafka(), context.stack().topics().changes() + "-floor-",
                     context.dataPartitions(), context.timeout())) {
            try {
                int step = 1;
                boolean warm = false;
                for (int groups : context.options().matchingGroups()) {
                    context.log("matching: registering groups up to " + groups);
                    long start = System.nanoTime();
                    registrar.join(registered, Math.max(registered, groups));
                    registered = Math.max(registered, groups);
                    // Registration scales with the group count: allow 200 µs per group on top of the timeout.
                    Duration bound = context.timeout().plus(Duration.ofNanos(registered * 200_000L));
                    if (!GroupProbe.awaitLive(context, MODEL, registered - 1, bound)) {
                        throw new IllegalStateException("the processor did not know group " + (registered - 1)
                                + " of " + registered + " after " + bound.toSeconds() + " s");
                    }
                    double registerSeconds = (System.nanoTime() - start) / 1e9;
                    if (!warm) {
                        // The first burst runs on a cold JIT and cold RocksDB: run it once unmeasured.
                        context.log("matching: warm-up burst");
                        measure(context, floor, 0, groups, changes, registerSeconds);
                        warm = true;
                    }
                    rows.add(measure(context, floor, step++, groups, changes, registerSeconds));
                }
            } finally {
                context.log("matching: retracting " + registered + " groups");
                registrar.leave(0, registered);
            }
        }
        return new ScenarioResult(name(), "Matching cost against the number of groups",
                "Distinct list groups (an equality filter on a kwarg) are announced on the subscriptions topic; then "
                        + changes + " changes, each matching one group, are published at once through producer-lib."
                        + " changes_per_s is the rate at which the processor (one stream thread) turned them into"
                        + " broadcasts, as read from the broadcasts topic; cpu_us_per_change is the processor"
                        + " process's CPU time per change, idle burn removed. floor_changes_per_s: the same changes,"
                        + " right after, through a Kafka Streams topology (one thread) that only decodes them (Avro,"
                        + " then the instance's JSON) and stores them in a changelogged RocksDB store;"
                        + " ratio_to_floor = changes_per_s / floor_changes_per_s. Kafka: the same records produced at"
                        + " once and consumed (rate) and the broker's CPU per record.",
                "changes/s per stream thread flat from 1k to 1M groups (equality lookups, not scans)", rows, notes,
                null);
    }

    private ResultRow measure(ScenarioContext context, StreamsFloor floor, int step, int groups, int changes,
                              double registerSeconds) throws Exception {
        context.log("matching: " + changes + " changes against " + groups + " groups");
        List<BenchChange> batch = new ArrayList<>(changes);
        long now = System.nanoTime();
        for (int i = 0; i < changes; i++) {
            batch.add(context.change(MODEL, step * PK_STRIDE + i, (i * 7919L) % groups, now));
        }
        BroadcastBurst.Result burst = BroadcastBurst.run(context, MODEL, batch);
        // The same batch through the floor, right after, so that both meet the machine in the same state.
        double floorPerSecond = floor.run(batch, context.timeout());
        BaselineResult kafka = context.baseline().burst("matching-" + groups, changes,
                (i, sent) -> context.change(MODEL, step * PK_STRIDE + i, (i * 7919L) % groups, sent),
                context.timeout());
        return new ResultRow(groups + " groups", Metrics.start()
                .put("changes_per_s", burst.changesPerSecond(changes))
                .put("floor_changes_per_s", floorPerSecond)
                .put("ratio_to_floor", burst.changesPerSecond(changes) / floorPerSecond)
                .put("cpu_us_per_change", burst.cpuNanos() / 1_000 / changes)
                .put("register_s", registerSeconds)
                .map(), Metrics.start()
                .put("changes_per_s", kafka.perSecond())
                .put("cpu_us_per_change", kafka.brokerCpuMicrosPerRecord())
                .map());
    }
}
