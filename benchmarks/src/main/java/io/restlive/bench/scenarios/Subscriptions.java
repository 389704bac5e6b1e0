package io.restlive.bench.scenarios;

import io.restlive.bench.load.BenchChange;
import io.restlive.bench.load.Waits;
import io.restlive.bench.ws.WsConnection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.IntToLongFunction;

/**
 * Subscribes the scenarios' connections, and makes sure the subscriptions are live before a scenario
 * measures them. Subscribing is silent in the protocol
 * (no acknowledgement), and a subscription is live only once its group reached the processor: so this
 * publishes a probe change to every group whose subscribers have not all received a frame yet, in rounds,
 * until all have one.
 */
final class Subscriptions {

    /** Probe entities live far above the pks the scenarios measure with, one per group value. */
    static final long PROBE_PK_BASE = 1_000_000_000_000L;

    private static final Duration ROUND = Duration.ofMillis(300);

    private Subscriptions() {
    }

    /**
     * Sends each connection one list subscription (id 1) to {@code model} with kwargs {@code {"group": g}},
     * g given by the connection's position in the list.
     *
     * @return the connections by the group value they subscribed to
     */
    static Map<Long, List<WsConnection>> subscribe(List<WsConnection> connections, String model,
                                                    IntToLongFunction groupOfPosition) {
        Map<Long, List<WsConnection>> byGroup = new LinkedHashMap<>();
        for (int i = 0; i < connections.size(); i++) {
            long group = groupOfPosition.applyAsLong(i);
            connections.get(i).subscribeList(1, model, "{\"group\":" + group + "}");
            byGroup.computeIfAbsent(group, g -> new ArrayList<>()).add(connections.get(i));
        }
        return byGroup;
    }

    /**
     * Probes until every connection received a frame since the call, or {@code timeout} passed.
     *
     * @param byGroup the connections, by the group value their one subscription asked for
     * @return how many connections never received a frame (0: all are live)
     */
    static int awaitLive(ScenarioContext context, String model, Map<Long, List<WsConnection>> byGroup, Duration timeout) {
        Map<WsConnection, Long> before = new HashMap<>();
        byGroup.values().forEach(list -> list.forEach(c -> before.put(c, c.frames())));
        long deadline = System.nanoTime() + timeout.toNanos();
        List<Long> pending = pendingGroups(byGroup, before);
        while (!pending.isEmpty() && System.nanoTime() - deadline < 0) {
            List<BenchChange> probes = new ArrayList<>(pending.size());
            for (long group : pending) {
                probes.add(context.change(model, PROBE_PK_BASE + group, group, System.nanoTime()));
            }
            try {
                context.publishAll(probes).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                // Counted as a publish failure by the context; the next round tries again.
            }
            List<Long> waitingFor = pending;
            Waits.until(() -> pendingGroups(byGroup, before, waitingFor).isEmpty(), ROUND);
            pending = pendingGroups(byGroup, before);
        }
        return (int) before.keySet().stream().filter(c -> c.frames() <= before.get(c)).count();
    }

    private static List<Long> pendingGroups(Map<Long, List<WsConnection>> byGroup, Map<WsConnection, Long> before) {
        return pendingGroups(byGroup, before, List.copyOf(byGroup.keySet()));
    }

    private static List<Long> pendingGroups(Map<Long, List<WsConnection>> byGroup, Map<WsConnection, Long> before,
                                            List<Long> among) {
        List<Long> pending = new ArrayList<>();
        for (long group : among) {
            if (byGroup.get(group).stream().anyMatch(c -> c.frames() <= before.get(c))) {
                pending.add(group);
            }
        }
        return pending;
    }
}
