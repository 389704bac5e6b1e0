package io.restlive.processor.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntSupplier;

/** The processor's own counters, on top of the Kafka Streams metrics. */
public final class ProcessorMetrics {

    private final MeterRegistry registry;
    private final Counter changes;
    private final Counter rerouted;
    private final Counter broadcasts;
    private final Counter groupEntries;
    private final Counter edgesExpired;
    private final Counter expiredPairs;
    private final Counter replayedFrames;
    private final Counter incompleteReplays;
    private final Map<String, Counter> staleByModel = new ConcurrentHashMap<>();
    private final Map<String, Counter> deadLettersByKind = new ConcurrentHashMap<>();
    private final Map<String, Counter> productionErrorsByTopic = new ConcurrentHashMap<>();

    /** @param registry where the meters are registered */
    public ProcessorMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.changes = Counter.builder("restlive.processor.changes")
                .description("Changes decoded and evaluated against the groups").register(registry);
        this.rerouted = Counter.builder("restlive.processor.changes.rerouted")
                .description("Changes found on another partition than their entity's, sent to it through the "
                        + "rerouted-changes topic").register(registry);
        this.broadcasts = Counter.builder("restlive.processor.broadcasts")
                .description("Broadcast records written (one per change and slot, or more for large changes)")
                .register(registry);
        this.groupEntries = Counter.builder("restlive.processor.broadcast.groups")
                .description("Group entries in the broadcasts written").register(registry);
        this.edgesExpired = Counter.builder("restlive.processor.edges.expired")
                .description("Edge sessions expired after falling silent").register(registry);
        this.expiredPairs = Counter.builder("restlive.processor.edges.expired.pairs")
                .description("(group, edge) pairs forgotten because their edge session was gone").register(registry);
        this.replayedFrames = Counter.builder("restlive.processor.replayed.frames")
                .description("Frames of changes applied before a join reached its task, sent to the joining "
                        + "subscribers").register(registry);
        this.incompleteReplays = Counter.builder("restlive.processor.replays.incomplete")
                .description("Joins whose task could not replay every change after the join's cut").register(registry);
        // Registered at zero, so that dashboards show the series before the first one.
        for (String kind : DEAD_LETTER_KINDS) {
            deadLettered(kind, 0);
        }
    }

    /** Every {@code rest-live.dlt.kind} the processor writes (decode.DeadLetters.Kind's tags). */
    private static final java.util.List<String> DEAD_LETTER_KINDS = java.util.List.of("malformed", "unknown-model",
            "frame-too-large");

    /** Metrics kept in memory only, for tests and tools. */
    public static ProcessorMetrics inMemory() {
        return new ProcessorMetrics(new SimpleMeterRegistry());
    }

    /** Registers a gauge of the live subscription groups. */
    public void gaugeGroups(IntSupplier liveGroups) {
        Gauge.builder("restlive.processor.groups", liveGroups::getAsInt)
                .description("Live subscription groups known to this instance").register(registry);
    }

    public void changeProcessed() {
        changes.increment();
    }

    public void rerouted() {
        rerouted.increment();
    }

    /** A change of {@code model} dropped because its version was not newer than the stored one. */
    public void staleDropped(String model) {
        stale(model).increment();
    }

    /** Registers the per-model counters of {@code models} at zero, so that dashboards show them from the start. */
    public void registerModels(java.util.Collection<String> models) {
        models.forEach(this::stale);
    }

    private Counter stale(String model) {
        return staleByModel.computeIfAbsent(model, m -> Counter.builder("restlive.processor.changes.stale")
                .description("Changes dropped because their version was not newer than the stored one")
                .tag("model", m).register(registry));
    }

    /** A record sent to the dead-letter topic; {@code kind} is its {@code rest-live.dlt.kind} header. */
    public void deadLettered(String kind) {
        deadLettered(kind, 1);
    }

    private void deadLettered(String kind, int count) {
        deadLettersByKind.computeIfAbsent(kind, k -> Counter.builder("restlive.processor.dead.letters")
                .description("Records sent to the dead-letter topic, by kind").tag("kind", k)
                .register(registry)).increment(count);
    }

    /** A record Kafka refused to take and that was skipped rather than stopping processing. */
    public void productionError(String topic) {
        productionErrorsByTopic.computeIfAbsent(topic, t -> Counter.builder("restlive.processor.production.errors")
                .description("Records the broker refused and the processor skipped").tag("topic", t)
                .register(registry)).increment();
    }

    /** One broadcast record written, with {@code groups} entries. */
    public void broadcastEmitted(int groups) {
        broadcasts.increment();
        groupEntries.increment(groups);
    }

    /** {@code frames} replayed frames sent for one join. */
    public void replayed(int frames) {
        replayedFrames.increment(frames);
    }

    public void incompleteReplay() {
        incompleteReplays.increment();
    }

    public void edgeExpired() {
        edgesExpired.increment();
    }

    /** {@code pairs} (group, edge) pairs of gone sessions forgotten. */
    public void expiredPairs(int pairs) {
        expiredPairs.increment(pairs);
    }

    public double edgesExpired() {
        return edgesExpired.count();
    }

    public double changesProcessed() {
        return changes.count();
    }

    public double changesRerouted() {
        return rerouted.count();
    }

    public double staleChangesDropped() {
        return staleByModel.values().stream().mapToDouble(Counter::count).sum();
    }

    public double deadLetters() {
        return deadLettersByKind.values().stream().mapToDouble(Counter::count).sum();
    }

    public double broadcasts() {
        return broadcasts.count();
    }

    public double replayedFrames() {
        return replayedFrames.count();
    }

    public double incompleteReplays() {
        return incompleteReplays.count();
    }
}
