package io.restlive.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Reads {@link BenchmarkOptions} from {@code --flag value} pairs; a flag not given keeps its default. */
public final class OptionsParser {

    /** The flags, each with what it sets; printed by {@code --help}. */
    public static final Map<String, String> FLAGS = flags();

    private final Map<String, String> given = new LinkedHashMap<>();

    private OptionsParser() {
    }

    /**
     * Parses the arguments on top of {@link BenchmarkOptions#defaults()}.
     *
     * @throws IllegalArgumentException naming an unknown flag, a missing value or a bad value
     */
    public static BenchmarkOptions parse(String... args) {
        OptionsParser parser = new OptionsParser();
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            if (!FLAGS.containsKey(flag)) {
                throw new IllegalArgumentException("unknown flag " + flag + " (--help lists the flags)");
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("missing value after " + flag);
            }
            parser.given.put(flag, args[++i]);
        }
        return parser.build(BenchmarkOptions.defaults());
    }

    private BenchmarkOptions build(BenchmarkOptions d) {
        return new BenchmarkOptions(
                get("--scenarios", OptionsParser::words, d.scenarios()),
                get("--edges", OptionsParser::integer, d.edges()),
                get("--connections", OptionsParser::integer, d.connections()),
                get("--group-values", OptionsParser::integer, d.groupValues()),
                get("--rates", OptionsParser::integers, d.rates()),
                get("--step-seconds", v -> Duration.ofSeconds(integer(v)), d.stepDuration()),
                get("--matching-groups", OptionsParser::integers, d.matchingGroups()),
                get("--matching-changes", OptionsParser::integer, d.matchingChanges()),
                get("--sharing-subscribers", OptionsParser::integers, d.sharingSubscribers()),
                get("--sharing-groups", OptionsParser::integer, d.sharingGroups()),
                get("--sharing-changes", OptionsParser::integer, d.sharingChanges()),
                get("--storm-connections", OptionsParser::integer, d.stormConnections()),
                get("--storm-subscriptions", OptionsParser::integer, d.stormSubscriptions()),
                get("--storm-rate", OptionsParser::integer, d.stormRate()),
                get("--storm-protocol", String::trim, d.stormProtocol()),
                get("--idle-connections", OptionsParser::integers, d.idleConnections()),
                get("--floor-changes", OptionsParser::integer, d.floorChanges()),
                get("--payload-bytes", OptionsParser::integer, d.payloadBytes()),
                get("--source-addresses", OptionsParser::integer, d.sourceAddresses()),
                get("--stack-java-options", v -> Arrays.asList(v.trim().split("\\s+")), d.stackJavaOptions()),
                get("--bootstrap-servers", v -> v.isBlank() ? null : v, d.bootstrapServers()),
                get("--results-dir", Path::of, d.resultsDir()),
                get("--timeout-seconds", v -> Duration.ofSeconds(integer(v)), d.timeout()),
                get("--abuse-subscribers", OptionsParser::integer, d.abuseSubscribers()),
                get("--abuse-rate", OptionsParser::integer, d.abuseRate()),
                get("--abuse-seconds", v -> Duration.ofSeconds(integer(v)), d.abuseWindow()),
                get("--abuse-rounds", OptionsParser::integer, d.abuseRounds()),
                get("--scrape-metrics", OptionsParser::onOff, d.scrapeMetrics()));
    }

    private static boolean onOff(String value) {
        return switch (value.trim()) {
            case "on", "true" -> true;
            case "off", "false" -> false;
            default -> throw new IllegalArgumentException("--scrape-metrics expects on or off, not '" + value + "'");
        };
    }

    private <T> T get(String flag, Function<String, T> parse, T fallback) {
        String value = given.get(flag);
        if (value == null) {
            return fallback;
        }
        try {
            return parse.apply(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(flag + " expects a number or a comma-separated list of numbers, not '"
                    + value + "'");
        }
    }

    private static int integer(String value) {
        return Integer.parseInt(value.replace("_", "").trim());
    }

    private static List<Integer> integers(String value) {
        return words(value).stream().map(OptionsParser::integer).toList();
    }

    private static List<String> words(String value) {
        return Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    private static Map<String, String> flags() {
        Map<String, String> flags = new LinkedHashMap<>();
        flags.put("--scenarios", "comma-separated subset of " + String.join(",", BenchmarkOptions.ALL_SCENARIOS));
        flags.put("--edges", "edges the stack starts (default 1)");
        flags.put("--connections", "fan-out: connections, one list subscription each (default 10000)");
        flags.put("--group-values", "fan-out: distinct parameter values subscribed to (default 100)");
        flags.put("--rates", "fan-out: change rates of the steps, per second (default 100,200,400)");
        flags.put("--step-seconds", "fan-out: seconds each step publishes (default 10)");
        flags.put("--matching-groups", "matching: group counts (default 1000,100000,1000000)");
        flags.put("--matching-changes", "matching: changes per group count (default 20000)");
        flags.put("--sharing-subscribers", "sharing: subscriber counts compared (default 10,10000)");
        flags.put("--sharing-groups", "sharing: groups the subscribers share (default 10)");
        flags.put("--sharing-changes", "sharing: changes per subscriber count (default 1000)");
        flags.put("--storm-connections", "storm: connections subscribing at once (default 1000)");
        flags.put("--storm-subscriptions", "storm: subscriptions per connection (default 5)");
        flags.put("--storm-rate", "storm: subscribes per second, steady over all connections (default 0: all at once)");
        flags.put("--storm-protocol", "storm: v1 (confirmed by a probed broadcast) or v2 (by `subscribed`, no probes) (default v1)");
        flags.put("--idle-connections", "idle: connection counts measured (default 10000,50000)");
        flags.put("--floor-changes", "floor: changes published one at a time (default 200)");
        flags.put("--payload-bytes", "padding bytes in every instance (default 100)");
        flags.put("--source-addresses", "127.0.0.x addresses client connections come from (default 16)");
        flags.put("--stack-java-options", "JVM options of the broker, processor and edges (default -Xmx2g)");
        flags.put("--bootstrap-servers", "use this Kafka cluster instead of starting the dev broker");
        flags.put("--results-dir", "where results go, in <timestamp>/ (default benchmarks/results)");
        flags.put("--timeout-seconds", "bound on every wait of the harness (default 180)");
        flags.put("--abuse-subscribers", "abuse: victim subscribers on 10 groups (default 300)");
        flags.put("--abuse-rate", "abuse: victims' changes per second (default 100)");
        flags.put("--abuse-seconds", "abuse: seconds of each quiet and abuse window (default 10)");
        flags.put("--abuse-rounds", "abuse: times the abuses run in turn; round 1 meets their code cold (default 2)");
        flags.put("--scrape-metrics", "on: scrape /actuator/prometheus each second, draw dashboard.png (default off)");
        return Collections.unmodifiableMap(flags);
    }
}
