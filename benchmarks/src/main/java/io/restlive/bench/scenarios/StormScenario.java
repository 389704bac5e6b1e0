package io.restlive.bench.scenarios;

import io.restlive.bench.kafka.BaselineResult;
import io.restlive.bench.kafka.TopicTail;
import io.restlive.bench.load.FixedRate;
import io.restlive.bench.load.Latencies;
import io.restlive.bench.load.Percentiles;
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
 * Scenario 4, subscribe storm: many connections on one edge subscribe at once, each subscription to a group
 * of its own, so every subscribe makes the edge announce a new group and the processor learn it.
 */
public final class StormScenario implements Scenario {

    static final String MODEL = BenchViews.STORM;
    /** The WebSocket subprotocol of protocol v2. */
    static final String V2_SUBPROTOCOL = "rest-live.v2";

    @Override
    public String name() {
        return "storm";
    }

    @Override
    public ScenarioResult run(ScenarioContext context) throws Exception {
        int connectionsWanted = context.options().stormConnections();
        int perConnection = context.options().stormSubscriptions();
        int rate = context.options().stormRate();
        boolean v2 = context.options().stormProtocol().equals("v2");
        StormProgress progress = new StormProgress(connectionsWanted * perConnection, connectionsWanted);
        List<String> notes = new ArrayList<>();
        context.log("storm: opening " + connectionsWanted + " connections on edge 1" + (v2 ? " (protocol v2)" : ""));
        List<WsConnection> connections = context.connect(connectionsWanted, 1, progress::onFrame,
                v2 ? V2_SUBPROTOCOL : null);
        StormProgress.warmUpDecoding();
        // v2 subscribers are told when they are live: no probe changes, which at a steady 2,000 subscribes/s
        // were a million records of load of their own.
        try (TopicTail announcements = TopicTail.start(context.kafka(), context.stack().topics().subscriptions(),
                (record, at) -> progress.onAnnouncement(record, at, context.stack().edgeId(1)));
             AutoCloseable prober = v2 ? () -> { } : StormProber.start(context, progress)) {
            int size = connections.size();
            if (rate > 0) {
                context.log("storm: " + progress.size() + " subscriptions at " + rate + "/s");
                FixedRate.run(progress.size(), rate, System.nanoTime(), (s, intended) -> {
                    progress.sending(s);
                    connections.get(s % size).subscribeList(progress.id(s), MODEL, "{\"group\":" + progress.group(s) + "}");
                });
            } else {
                context.log("storm: " + progress.size() + " subscriptions at once");
                for (int s = 0; s < progress.size(); s++) {
                    progress.sending(s);
                    connections.get(s % size).subscribeList(progress.id(s), MODEL, "{\"group\":" + progress.group(s) + "}");
                }
            }
            if (!Waits.until(progress::allConfirmed, context.timeout())) {
                notes.add((progress.size() - progress.confirmed()) + " of " + progress.size()
                        + " subscriptions received no " + (v2 ? "subscribed acknowledgement" : "broadcast") + " within "
                        + context.timeout().toSeconds() + " s");
            }
            announcements.requireHealthy();
        } finally {
            context.disconnect(connections);
        }
        double accepted = progress.acceptedPerSecond();
        if (Double.isNaN(accepted)) {
            notes.add("no group announcement by edge-1 was seen on the subscriptions topic: subscribes_per_s is"
                    + " unknown and probes started 2 s after each subscribe");
        }
        Percentiles confirmedAfter = (v2 ? progress.live() : progress.firstBroadcast()).percentiles();
        Map<String, Double> restLive = Metrics.start()
                .put("subscribes_per_s", accepted)
                .put("announce_p50_ms", progress.announce().percentiles().p50())
                .put("announce_p99_ms", progress.announce().percentiles().p99())
                .putAll(confirmedAfter.asMetrics())
                .put("probe_changes", progress.probes())
                .map();
        int count = progress.size();
        BaselineResult kafka = Double.isNaN(accepted) || accepted <= 0
                ? context.baseline().burst("storm", count, (i, sent) -> context.change(MODEL, i, i, sent), context.timeout())
                : context.baseline().fixedRate("storm", count, accepted, (i, sent) -> context.change(MODEL, i, i, sent),
                        context.timeout());
        return new ScenarioResult(name(), "Subscribe storm",
                connectionsWanted + " connections on one edge each send " + perConnection + " subscribe messages, "
                        + (rate > 0 ? rate + " a second over all connections (steady)" : "at once")
                        + ", every one to a group of its own. subscribes_per_s: subscriptions the edge accepted"
                        + " per second, counted by their group announcements on the subscriptions topic; announce_*:"
                        + " subscribe sent to announcement read. p50/p99/p99.9: "
                        + (v2 ? "protocol v2, subscribe sent to its `subscribed` acknowledgement received (the edge"
                                + " sends it once every task evaluates the group live); no probe changes."
                              : "subscribe sent to the first broadcast"
                                + " received: each announced group gets a probe change at once, then again after 100,"
                                + " 200, 400, 800 ms and every second until one delivers, so part of that latency can be"
                                + " the gap before the probe that delivered.")
                        + " Kafka: as many records at the accepted rate, produce to consume.",
                "subscribes/s one edge accepts; subscribe-to-" + (v2 ? "live" : "first-broadcast") + " latency",
                List.of(new ResultRow(count + " subscriptions" + (rate > 0 ? " at " + rate + "/s" : "") + (v2 ? " (v2)" : ""), restLive, kafka.metrics("subscribes_per_s"))), notes,
                null);
    }
}
