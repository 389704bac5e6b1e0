package io.restlive.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every size of a benchmark run. The defaults finish the whole run in under ten minutes on two cores;
 * {@link OptionsParser} reads them from the command line, {@link #smoke()} gives the tiny run of the tests.
 *
 * @param scenarios the scenarios to run, by name, in order
 * @param edges how many edges the stack starts; clients are spread over them (the storm uses edge 1)
 * @param connections fan-out: WebSocket connections, each with one list subscription
 * @param groupValues fan-out: distinct parameter values the connections subscribe to
 * @param rates fan-out: the stepped change rates, changes per second
 * @param stepDuration fan-out: how long each step publishes
 * @param matchingGroups matching: the group counts, each registered on top of the previous one
 * @param matchingChanges matching: changes published as fast as possible at each group count
 * @param sharingSubscribers sharing: subscriber counts compared, each spread over {@code sharingGroups}
 * @param sharingGroups sharing: groups the subscribers share
 * @param sharingChanges sharing: changes published as fast as possible for each subscriber count
 * @param stormConnections storm: connections that subscribe at once
 * @param stormSubscriptions storm: subscriptions each storm connection sends, each to a group of its own
 * @param stormRate storm: subscribes per second, steady, over all the connections; 0 sends them all at once
 * @param stormProtocol storm: {@code v1} (each subscription is confirmed by its first broadcast, which probe
 *     changes provoke) or {@code v2} (by its {@code subscribed} acknowledgement, sent once it is live; no probes)
 * @param idleConnections idle: connection counts at which the edge heap is measured
 * @param floorChanges floor: changes published one at a time
 * @param payloadBytes bytes of padding in every instance, so records have a realistic size
 * @param sourceAddresses 127.0.0.x source addresses the client connections are spread over
 * @param stackJavaOptions JVM options of every process of the stack
 * @param bootstrapServers an existing cluster to use instead of the dev broker, or {@code null}
 * @param resultsDir where each run writes {@code <timestamp>/}
 * @param timeout the bound on every wait of the harness
 * @param abuseSubscribers abuse: the victims, ordinary list subscribers spread over {@value #ABUSE_GROUPS} groups
 * @param abuseRate abuse: the victims' changes per second, through every window
 * @param abuseWindow abuse: how long each quiet and each abuse window lasts
 * @param abuseRounds abuse: how many times the sequence of abuses runs; the first round meets the abuse code paths
 *     cold (the JIT compiles them then, on the cores everything shares), later rounds warm
 * @param scrapeMetrics whether to scrape every process's {@code /actuator/prometheus} each second and draw
 *     the dashboard's main panels from it ({@code dashboard.png}); off by default, since rendering the scrape
 *     costs the stack CPU on the cores it is measured on
 */
public record BenchmarkOptions(
        List<String> scenarios,
        int edges,
        int connections,
        int groupValues,
        List<Integer> rates,
        Duration stepDuration,
        List<Integer> matchingGroups,
        int matchingChanges,
        List<Integer> sharingSubscribers,
        int sharingGroups,
        int sharingChanges,
        int stormConnections,
        int stormSubscriptions,
        int stormRate,
        String stormProtocol,
        List<Integer> idleConnections,
        int floorChanges,
        int payloadBytes,
        int sourceAddresses,
        List<String> stackJavaOptions,
        String bootstrapServers,
        Path resultsDir,
        Duration timeout,
        int abuseSubscribers,
        int abuseRate,
        Duration abuseWindow,
        int abuseRounds,
        boolean scrapeMetrics) {

    /** abuse: the victims' groups. */
    public static final int ABUSE_GROUPS = 10;

    /** Every scenario, in the order a full run takes them. */
    public static final List<String> ALL_SCENARIOS = List.of("fanout", "matching", "sharing", "storm", "idle", "floor",
            "edges", "abuse");

    public BenchmarkOptions {
        scenarios = List.copyOf(scenarios);
        rates = List.copyOf(rates);
        matchingGroups = List.copyOf(matchingGroups);
        sharingSubscribers = List.copyOf(sharingSubscribers);
        idleConnections = List.copyOf(idleConnections);
        stackJavaOptions = List.copyOf(stackJavaOptions);
        for (String scenario : scenarios) {
            if (!ALL_SCENARIOS.contains(scenario)) {
                throw new IllegalArgumentException("unknown scenario '" + scenario + "'; known: " + ALL_SCENARIOS);
            }
        }
        requirePositive("--edges", edges);
        requirePositive("--connections", connections);
        requirePositive("--group-values", groupValues);
        requirePositive("--matching-changes", matchingChanges);
        requirePositive("--sharing-groups", sharingGroups);
        requirePositive("--sharing-changes", sharingChanges);
        requirePositive("--storm-connections", stormConnections);
        requirePositive("--storm-subscriptions", stormSubscriptions);
        if (stormRate < 0) {
            throw new IllegalArgumentException("--storm-rate must not be negative (0: all at once)");
        }
        if (!List.of("v1", "v2").contains(stormProtocol)) {
            throw new IllegalArgumentException("--storm-protocol must be v1 or v2, was '" + stormProtocol + "'");
        }
        requirePositive("--floor-changes", floorChanges);
        requirePositive("--source-addresses", sourceAddresses);
        requirePositive("--abuse-subscribers", abuseSubscribers);
        requirePositive("--abuse-rate", abuseRate);
        requirePositive("--abuse-rounds", abuseRounds);
        if (abuseWindow.isNegative() || abuseWindow.isZero()) {
            throw new IllegalArgumentException("--abuse-seconds must be at least 1");
        }
        if (sourceAddresses > 254) {
            throw new IllegalArgumentException("--source-addresses must be at most 254 (127.0.0.1 to 127.0.0.254)");
        }
        if (payloadBytes < 0) {
            throw new IllegalArgumentException("--payload-bytes must not be negative");
        }
        for (List<Integer> list : List.of(rates, matchingGroups, sharingSubscribers, idleConnections)) {
            list.forEach(value -> requirePositive("a list value", value));
        }
    }

    /** The defaults of {@code benchmarks/run.sh}. */
    public static BenchmarkOptions defaults() {
        return new BenchmarkOptions(ALL_SCENARIOS, 1, 10_000, 100, List.of(100, 200, 400), Duration.ofSeconds(10),
                List.of(1_000, 100_000, 1_000_000), 20_000, List.of(10, 10_000), 10, 1_000, 1_000, 5, 0, "v1",
                List.of(10_000, 50_000), 200, 100, 16, List.of("-Xmx2g"), null, Path.of("benchmarks/results"),
                Duration.ofMinutes(3), 300, 100, Duration.ofSeconds(10), 2, false);
    }

    /** The tiny run of {@code BenchmarkSmokeIT}: every scenario, a few hundred changes, 20 connections. */
    public static BenchmarkOptions smoke(Path resultsDir) {
        return new BenchmarkOptions(ALL_SCENARIOS, 1, 20, 5, List.of(20, 40), Duration.ofSeconds(2),
                List.of(10, 100), 200, List.of(2, 20), 2, 100, 5, 2, 0, "v1", List.of(10, 20), 20, 50, 2,
                List.of("-Xmx512m"), null, resultsDir, Duration.ofMinutes(2), 20, 20, Duration.ofSeconds(2), 1, true);
    }

    /** The options as the flags that give them, for the report. */
    public Map<String, String> asFlags() {
        Map<String, String> flags = new LinkedHashMap<>();
        flags.put("--scenarios", String.join(",", scenarios));
        flags.put("--edges", String.valueOf(edges));
        flags.put("--connections", String.valueOf(connections));
        flags.put("--group-values", String.valueOf(groupValues));
        flags.put("--rates", join(rates));
        flags.put("--step-seconds", String.valueOf(stepDuration.toSeconds()));
        flags.put("--matching-groups", join(matchingGroups));
        flags.put("--matching-changes", String.valueOf(matchingChanges));
        flags.put("--sharing-subscribers", join(sharingSubscribers));
        flags.put("--sharing-groups", String.valueOf(sharingGroups));
        flags.put("--sharing-changes", String.valueOf(sharingChanges));
        flags.put("--storm-connections", String.valueOf(stormConnections));
        flags.put("--storm-subscriptions", String.valueOf(stormSubscriptions));
        flags.put("--storm-rate", String.valueOf(stormRate));
        flags.put("--storm-protocol", stormProtocol);
        flags.put("--idle-connections", join(idleConnections));
        flags.put("--floor-changes", String.valueOf(floorChanges));
        flags.put("--payload-bytes", String.valueOf(payloadBytes));
        flags.put("--source-addresses", String.valueOf(sourceAddresses));
        flags.put("--stack-java-options", String.join(" ", stackJavaOptions));
        flags.put("--bootstrap-servers", bootstrapServers == null ? "" : bootstrapServers);
        flags.put("--results-dir", resultsDir.toString());
        flags.put("--timeout-seconds", String.valueOf(timeout.toSeconds()));
        flags.put("--abuse-subscribers", String.valueOf(abuseSubscribers));
        flags.put("--abuse-rate", String.valueOf(abuseRate));
        flags.put("--abuse-seconds", String.valueOf(abuseWindow.toSeconds()));
        flags.put("--abuse-rounds", String.valueOf(abuseRounds));
        flags.put("--scrape-metrics", scrapeMetrics ? "on" : "off");
        return flags;
    }

    private static String join(List<Integer> values) {
        return String.join(",", values.stream().map(String::valueOf).toList());
    }

    private static void requirePositive(String flag, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(flag + " must be at least 1, was " + value);
        }
    }
}
