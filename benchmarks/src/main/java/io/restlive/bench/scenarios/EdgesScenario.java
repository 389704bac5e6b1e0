package io.restlive.bench.scenarios;

import io.restlive.bench.kafka.TopicTail;
import io.restlive.bench.load.BenchChange;
import io.restlive.bench.load.FixedRate;
import io.restlive.bench.load.Waits;
import io.restlive.bench.report.Metrics;
import io.restlive.bench.report.ResultRow;
import io.restlive.bench.report.ScenarioResult;
import io.restlive.bench.stack.BenchViews;
import io.restlive.bench.ws.WsConnection;
import io.restlive.schemas.AvroCodecs;
import io.restlive.schemas.EdgeHeartbeat;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLongArray;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * Routed broadcasts: what one edge ingests per change as the same subscribers spread over 1, 2 and 4 edges,
 * each group held by one edge. An edge reads only its slot of the broadcasts topic, so its bytes per change
 * should fall with the number of edges while the frames delivered stay the same (target: at 4 edges at most
 * 0.35 of the 1-edge figure). Needs a stack of 4 edges ({@code --edges 4}); with fewer it runs the steps it
 * can.
 */
public final class EdgesScenario implements Scenario {

    private static final String MODEL = BenchViews.EDGES;
    private static final int GROUPS = 40;
    private static final int SUBSCRIBERS_PER_GROUP = 5;
    private static final int CHANGES = 2_000;
    private static final int RATE = 400;

    @Override
    public String name() {
        return "edges";
    }

    @Override
    public ScenarioResult run(ScenarioContext context) throws Exception {
        List<ResultRow> rows = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        Map<Integer, Integer> slots = slotsOfEdges(context);
        notes.add("edge slots: " + slots);
        double oneEdge = 0;
        for (int edges : List.of(1, 2, 4)) {
            if (edges > context.stack().edgeCount()) {
                notes.add(edges + " edges: skipped, the stack has " + context.stack().edgeCount() + " (--edges 4)");
                continue;
            }
            Step step = step(context, edges, slots, notes);
            if (edges == 1) {
                oneEdge = step.bytesPerEdgePerChange();
            }
            rows.add(new ResultRow(edges + " edge" + (edges == 1 ? "" : "s"), Metrics.start()
                    .put("bytes_per_edge_per_change", step.bytesPerEdgePerChange())
                    .put("ratio_to_one_edge", oneEdge > 0 ? step.bytesPerEdgePerChange() / oneEdge : 0)
                    .put("frames_delivered", step.frames())
                    .put("frames_expected", (double) CHANGES * SUBSCRIBERS_PER_GROUP)
                    .map(), Map.of()));
        }
        return new ScenarioResult(name(), "Routed broadcasts: ingest per edge",
                GROUPS + " list groups of " + SUBSCRIBERS_PER_GROUP + " subscribers each, group g held by edge g mod E;"
                        + " " + CHANGES + " changes at " + RATE + "/s, each matching one group. bytes_per_edge_per_change"
                        + " is what the holding edges' slots received (frames, markers, notices), divided by the edges"
                        + " and the changes: what one edge reads.",
                "at 4 edges <= 0.35 x the 1-edge figure, same frames delivered", rows, notes, null);
    }

    /** One step's result. */
    private record Step(double bytesPerEdgePerChange, double frames) {
    }

    private static Step step(ScenarioContext context, int edges, Map<Integer, Integer> slots, List<String> notes)
            throws Exception {
        context.log("edges: " + GROUPS + " groups over " + edges + " edge(s)");
        List<WsConnection> connections = new ArrayList<>();
        Map<Long, List<WsConnection>> byGroup = new LinkedHashMap<>();
        for (int edge = 1; edge <= edges; edge++) {
            int holding = edge;
            long groupsHere = java.util.stream.LongStream.range(0, GROUPS).filter(g -> g % edges + 1 == holding).count();
            List<WsConnection> here = context.connect((int) groupsHere * SUBSCRIBERS_PER_GROUP, edge, (c, t, a) -> { });
            List<Long> groups = java.util.stream.LongStream.range(0, GROUPS).filter(g -> g % edges + 1 == holding)
                    .boxed().toList();
            Subscriptions.subscribe(here, MODEL, i -> groups.get(i % groups.size())).forEach((g, list) ->
                    byGroup.computeIfAbsent(g, k -> new ArrayList<>()).addAll(list));
            connections.addAll(here);
        }
        try {
            int notLive = Subscriptions.awaitLive(context, MODEL, byGroup, context.timeout());
            if (notLive > 0) {
                notes.add(edges + " edges: " + notLive + " connections never went live");
            }
            long framesBefore = connections.stream().mapToLong(WsConnection::frames).sum();
            AtomicLongArray bytes = new AtomicLongArray(64);
            try (TopicTail tail = TopicTail.start(context.kafka(), context.stack().topics().broadcasts(), (record, at) ->
                    bytes.addAndGet(record.partition(), record.serializedValueSize()
                            + Math.max(0, record.serializedKeySize())))) {
                long start = System.nanoTime() + Duration.ofMillis(200).toNanos();
                FixedRate.run(CHANGES, RATE, start, (i, intended) ->
                        context.publish(change(context, i, intended)));
                long expected = framesBefore + (long) CHANGES * SUBSCRIBERS_PER_GROUP;
                if (!Waits.until(() -> connections.stream().mapToLong(WsConnection::frames).sum() >= expected,
                        context.timeout())) {
                    notes.add(edges + " edges: not every frame arrived within the timeout");
                }
                tail.requireHealthy();
            }
            long holdingBytes = 0;
            for (int edge = 1; edge <= edges; edge++) {
                holdingBytes += bytes.get(slots.getOrDefault(edge, 0));
            }
            double frames = connections.stream().mapToLong(WsConnection::frames).sum() - framesBefore;
            return new Step((double) holdingBytes / edges / CHANGES, frames);
        } finally {
            context.disconnect(connections);
        }
    }

    private static BenchChange change(ScenarioContext context, long i, long intended) {
        return context.change(MODEL, i % (GROUPS * 10L), i % (GROUPS * 10L) % GROUPS, intended);
    }

    /** The slot each edge (1-based) reads, from its latest heartbeat. */
    private static Map<Integer, Integer> slotsOfEdges(ScenarioContext context) throws Exception {
        Map<Integer, Integer> slots = new HashMap<>();
        String topic = context.stack().topics().edgeHeartbeats();
        try (KafkaConsumer<String, byte[]> consumer = context.kafka().consumer()) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + context.timeout().toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p)) && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.value() == null || record.key() == null) {
                        continue;
                    }
                    EdgeHeartbeat beat = AvroCodecs.decodeHeartbeat(record.value());
                    for (int edge = 1; edge <= context.stack().edgeCount(); edge++) {
                        if (record.key().startsWith(context.stack().edgeId(edge) + "#") && beat.getSlot() != null) {
                            slots.put(edge, beat.getSlot());
                        }
                    }
                }
            }
        }
        return slots;
    }
}
