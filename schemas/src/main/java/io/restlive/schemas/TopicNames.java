package io.restlive.schemas;

import java.util.Map;
import java.util.Objects;

/**
 * The names of rest-live's topics, all behind one configurable prefix ({@code rest-live.} by default).
 *
 * <p>Every app (producers, the processor, the edges, the CLI) derives its topic names from here, so a
 * deployment changes the prefix in one place: the {@code REST_LIVE_TOPIC_PREFIX} variable.
 */
public record TopicNames(String prefix) {

    /** The prefix used when nothing is configured. */
    public static final String DEFAULT_PREFIX = "rest-live.";

    /** The environment variable that overrides the prefix. */
    public static final String PREFIX_ENV = "REST_LIVE_TOPIC_PREFIX";

    public TopicNames {
        Objects.requireNonNull(prefix, "prefix");
        if (!prefix.matches("[A-Za-z0-9._-]*")) {
            throw new IllegalArgumentException("topic prefix '" + prefix
                    + "' may contain only letters, digits, '.', '_' and '-' (Kafka's topic characters)");
        }
    }

    /** The default names: {@code rest-live.changes}, {@code rest-live.subscriptions}, ... */
    public static TopicNames defaults() {
        return new TopicNames(DEFAULT_PREFIX);
    }

    /** Names with the prefix from {@value #PREFIX_ENV} in {@code env}, or the default prefix. */
    public static TopicNames fromEnv(Map<String, String> env) {
        String prefix = env.get(PREFIX_ENV);
        return new TopicNames(prefix == null || prefix.isBlank() ? DEFAULT_PREFIX : prefix);
    }

    /** Entity changes published by apps (Avro or JSON envelopes). */
    public String changes() {
        return prefix + "changes";
    }

    /**
     * Changes the processor found on another partition than their entity's: it writes them here, keyed by
     * entity, so that every change of one entity is applied by one task whatever key and partitioner its
     * producer used. Same partition count as {@link #changes()}.
     */
    public String reroutedChanges() {
        return prefix + "changes-rerouted";
    }

    /**
     * Group joins and leaves sent by edges, and control commands to every processor task; compacted, so it
     * holds the live (group, edge) pairs. Same partition count as {@link #changes()}: a retrieve group's
     * commands go to its entity's partition, a list group's and control commands to every partition.
     */
    public String subscriptions() {
        return prefix + "subscriptions";
    }

    /**
     * Liveness heartbeats of edge sessions, keyed by session; compacted. The processor expires the
     * groups of a session that falls silent.
     */
    public String edgeHeartbeats() {
        return prefix + "edge-heartbeats";
    }

    /**
     * What each change means to subscription groups, written by the processor; each partition is a slot
     * that the edges owning it read, and holds only the frames of the groups those edges hold.
     */
    public String broadcasts() {
        return prefix + "broadcasts";
    }

    /** Records the processor could not use, with the reason in headers. */
    public String deadLetters() {
        return prefix + "dead-letters";
    }
}
