package io.restlive.bench.scenarios;

import io.restlive.bench.report.Metrics;
import io.restlive.bench.report.ResultRow;
import io.restlive.bench.report.ScenarioResult;
import io.restlive.bench.stack.BenchViews;
import io.restlive.bench.stack.ProcessStats;
import io.restlive.bench.ws.FrameHandler;
import io.restlive.bench.ws.WsConnection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Scenario 5, idle connections: the edge's heap per connection holding one subscription, read from its
 * actuator after a full collection, at growing connection counts.
 */
public final class IdleScenario implements Scenario {

    private static final String MODEL = BenchViews.IDLE;
    private static final int GROUP_VALUES = 100;
    /** Files the harness and the edge hold besides the connections (jars, Kafka sockets, logs). */
    private static final long FILES_MARGIN = 500;
    private static final double MB = 1024.0 * 1024.0;

    @Override
    public String name() {
        return "idle";
    }

    @Override
    public ScenarioResult run(ScenarioContext context) {
        List<ResultRow> rows = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        long edgePid = context.stack().edgePid(1);
        double heapBefore = context.stack().edgeHeapAfterGc(1);
        notes.add(String.format("edge heap after GC with no connection: %.1f MB", heapBefore / MB));
        List<WsConnection> open = new ArrayList<>();
        try {
            for (int target : context.options().idleConnections().stream().sorted().toList()) {
                int more = target - open.size();
                String limits = fileLimitProblem(ProcessHandle.current().pid(), "the harness", more);
                limits = limits != null ? limits : fileLimitProblem(edgePid, "edge-1", more);
                if (limits != null) {
                    notes.add(target + " connections skipped: " + limits);
                    continue;
                }
                context.log("idle: opening connections up to " + target);
                long start = System.nanoTime();
                List<WsConnection> added = context.connect(more, 1, FrameHandler.NONE);
                double openSeconds = (System.nanoTime() - start) / 1e9;
                int first = open.size();
                open.addAll(added);
                Map<Long, List<WsConnection>> byGroup = Subscriptions.subscribe(added, MODEL,
                        i -> (first + i) % GROUP_VALUES);
                int notLive = Subscriptions.awaitLive(context, MODEL, byGroup, context.timeout());
                if (notLive > 0) {
                    notes.add(target + " connections: " + notLive + " subscriptions never received a probe frame");
                }
                double heap = context.stack().edgeHeapAfterGc(1);
                rows.add(new ResultRow(target + " connections", Metrics.start()
                        .put("heap_mb", heap / MB)
                        .put("heap_bytes_per_connection", (heap - heapBefore) / target)
                        .put("opened_per_s", more / openSeconds)
                        .map(), Map.of()));
            }
        } finally {
            context.disconnect(open);
        }
        notes.add("no Kafka counterpart: no records flow while connections are idle");
        notes.add("heap only: socket buffers and the server's direct buffers are off-heap and not counted");
        return new ScenarioResult(name(), "Idle connections",
                "Connections to one edge, each with one list subscription (confirmed live by a probe frame), spread"
                        + " over " + context.options().sourceAddresses() + " 127.0.0.x source addresses. The edge's"
                        + " heap is read from /actuator/metrics/jvm.memory.used?tag=area:heap right after"
                        + " 'jcmd <pid> GC.run'; per connection = (heap now - heap with none) / connections.",
                "edge heap per connection with one subscription, at 10k and 50k connections", rows, notes, null);
    }

    /** Why {@code pid} cannot open {@code more} files, or null if it can (or the limit is unknown). */
    private static String fileLimitProblem(long pid, String who, int more) {
        long limit = ProcessStats.openFilesLimit(pid);
        long used = ProcessStats.openFiles(pid);
        if (limit < 0 || used < 0 || used + more + FILES_MARGIN <= limit) {
            return null;
        }
        return who + " may open " + limit + " files and has " + used + " open; raise 'ulimit -n' (run.sh tries)";
    }
}
