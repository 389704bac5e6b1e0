package io.restlive.bench.scenarios;

import io.restlive.bench.kafka.BaselineResult;
import io.restlive.bench.load.Latencies;
import io.restlive.bench.load.SentNanos;
import io.restlive.bench.load.Waits;
import io.restlive.bench.report.Metrics;
import io.restlive.bench.report.ResultRow;
import io.restlive.bench.report.ScenarioResult;
import io.restlive.bench.stack.BenchViews;
import io.restlive.bench.ws.WsConnection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Scenario 6, the end-to-end floor: one subscriber, one change at a time, so nothing queues and the latency
 * is the pipeline's own (producer, processor, edge, WebSocket), beside a raw produce-consume round.
 */
public final class FloorScenario implements Scenario {

    private static final String MODEL = BenchViews.FLOOR;
    private static final long GROUP = 1;

    private volatile boolean measuring;

    @Override
    public String name() {
        return "floor";
    }

    @Override
    public ScenarioResult run(ScenarioContext context) {
        int count = context.options().floorChanges();
        Latencies latencies = new Latencies();
        List<String> notes = new ArrayList<>();
        List<WsConnection> connections = context.connect(1, 1, (c, text, arrival) -> {
            long sent = SentNanos.in(text);
            // Probe frames carry their send time too, but are published before the measured changes start.
            if (sent != SentNanos.NONE && c.index() == 0 && measuring) {
                latencies.record(sent, arrival);
            }
        });
        WsConnection connection = connections.get(0);
        try {
            Map<Long, List<WsConnection>> byGroup = Subscriptions.subscribe(connections, MODEL, i -> GROUP);
            if (Subscriptions.awaitLive(context, MODEL, byGroup, context.timeout()) > 0) {
                throw new IllegalStateException("the subscriber never received a frame: the subscription is not live");
            }
            context.log("floor: " + count + " changes, one at a time");
            measuring = true;
            for (int i = 0; i < count; i++) {
                long before = connection.frames();
                context.publish(context.change(MODEL, i % 10, GROUP, System.nanoTime()));
                if (!Waits.until(() -> connection.frames() > before, context.timeout())) {
                    notes.add("change " + i + " never arrived; stopped after it");
                    break;
                }
            }
        } finally {
            measuring = false;
            context.disconnect(connections);
        }
        BaselineResult kafka = context.baseline().sequential("floor", count,
                (i, sent) -> context.change(MODEL, i % 10, GROUP, sent), context.timeout());
        Map<String, Double> restLive = Metrics.start().putAll(latencies.percentiles().asMetrics()).map();
        notes.add(String.format("p50 ratio to Kafka alone: %.2f (target <= 2)",
                restLive.get("p50_ms") / kafka.latency().p50()));
        return new ScenarioResult(name(), "End-to-end floor",
                "One connection with one list subscription; each change is published through producer-lib when the"
                        + " frame of the one before has arrived. Latency runs from the publish call to the frame."
                        + " Kafka: one record at a time, produce to consume, on the same broker.",
                "p50 publish-to-frame <= 2x the p50 of Kafka produce-to-consume",
                List.of(new ResultRow(count + " changes, one at a time", restLive, kafka.latency().asMetrics())),
                notes, null);
    }
}
