package io.restlive.processor.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.function.IntSupplier;

/** The processor's own counters, on top of the Kafka Streams metrics. */
public final class ProcessorMetrics {

    private final MeterRegistry registry;
    private final Counter changes;
    private final Counter stale;
    private final Counter deadLetters;
    private final Counter broadcasts;
    private final Counter groupEntries;
    private final Counter edgesExpired;
    private final Counter expiredPairs;
    private final Counter catchUps;

    /** @param registry where the meters are registered */
    public ProcessorMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.changes = Counter.builder("restlive.processor.changes")
                .description("Changes decoded and evaluated against the groups").register(registry);
        this.stale = Counter.builder("restlive.processor.changes.stale")
                .description("Changes dropped because their version was not newer than the stored one")
                .register(registry);
        this.deadLetters = Counter.builder("restlive.processor.dead.letters")
                .description("Records sent to the dead-letter topic").register(registry);
        this.broadcasts = Counter.builder("restlive.processor.broadcasts")
                .description("ChangeBroadcast records written").register(registry);
        this.groupEntries = Counter.builder("restlive.processor.broadcast.groups")
                .description("Group entries in the broadcasts written").register(registry);
        this.edgesExpired = Counter.builder("restlive.processor.edges.expired")
                .description("Edge sessions expired after falling silent").register(registry);
        this.expiredPairs = Counter.builder("restlive.processor.edges.expired.pairs")
                .description("(group, edge) pairs tombstoned because their edge session expired")
                .register(registry);
        this.catchUps = Counter.builder("restlive.processor.catchups")
                .description("Catch-ups sent to retrieve subscribers who joined while their instance changed")
                .register(registry);
    }

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

    public void catchUpSent() {
        catchUps.increment();
    }

    public double catchUpsSent() {
        return catchUps.count();
    }

    public void staleDropped() {
        stale.increment();
    }

    public void deadLettered() {
        deadLetters.increment();
    }

    /** One broadcast written, with {@code groups} entries. */
    public void broadcastEmitted(int groups) {
        broadcasts.increment();
        groupEntries.increment(groups);
    }

    public void edgeExpired() {
        edgesExpired.increment();
    }

    /** {@code pairs} (group, edge) pairs of expired sessions tombstoned. */
    public void expiredPairs(int pairs) {
        expiredPairs.increment(pairs);
    }

    public double edgesExpired() {
        return edgesExpired.count();
    }

    public double changesProcessed() {
        return changes.count();
    }

    public double staleChangesDropped() {
        return stale.count();
    }

    public double deadLetters() {
        return deadLetters.count();
    }

    public double broadcasts() {
        return broadcasts.count();
    }
}
