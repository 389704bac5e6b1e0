package io.restlive.schemas;

/**
 * The record keys of the subscriptions topic, written and parsed only here:
 * <ul>
 *   <li>{@code <groupKey>|<session>}: a (group, edge session) pair, valued by a {@link SubscriptionCommand};</li>
 *   <li>{@code ~edge|<session>}: an edge session's {@link ControlCommand} (started, expired);</li>
 *   <li>{@code ~reset|<model>} (or {@code ~reset|*} for every model): a request to forget stored versions.</li>
 * </ul>
 * Group keys are hex digests and sessions never start with {@code ~}, so the three cannot be confused.
 */
public final class SubscriptionKeys {

    /** The model part of a reset key that means every model. */
    public static final String EVERY_MODEL = "*";

    private static final String EDGE_PREFIX = "~edge|";
    private static final String RESET_PREFIX = "~reset|";

    private SubscriptionKeys() {
    }

    /** What a key names. */
    public sealed interface Key permits Pair, Edge, Reset {
    }

    /** A (group, edge session) pair. */
    public record Pair(String groupKey, String session) implements Key {
    }

    /** An edge session's control record. */
    public record Edge(String session) implements Key {
    }

    /** A version reset; {@code model} is null for every model. */
    public record Reset(String model) implements Key {
    }

    /** The key of a (group, edge session) pair. */
    public static String pair(String groupKey, String session) {
        if (groupKey.isEmpty() || groupKey.startsWith("~") || groupKey.contains("|")) {
            throw new IllegalArgumentException("not a group key: '" + groupKey + "'");
        }
        return groupKey + "|" + session;
    }

    /** The key of an edge session's control records. */
    public static String edge(String session) {
        return EDGE_PREFIX + session;
    }

    /** The key of a version reset of {@code model}, or of every model when it is null. */
    public static String reset(String model) {
        return RESET_PREFIX + (model == null ? EVERY_MODEL : model);
    }

    /**
     * Parses a key.
     *
     * @throws IllegalArgumentException if it is none of the three shapes
     */
    public static Key parse(String key) {
        if (key == null) {
            throw new IllegalArgumentException("a subscriptions record without a key");
        }
        if (key.startsWith(EDGE_PREFIX) && key.length() > EDGE_PREFIX.length()) {
            return new Edge(key.substring(EDGE_PREFIX.length()));
        }
        if (key.startsWith(RESET_PREFIX) && key.length() > RESET_PREFIX.length()) {
            String model = key.substring(RESET_PREFIX.length());
            return new Reset(model.equals(EVERY_MODEL) ? null : model);
        }
        int bar = key.indexOf('|');
        if (bar <= 0 || bar == key.length() - 1 || key.startsWith("~")) {
            throw new IllegalArgumentException("'" + key + "' is not '<groupKey>|<session>', '~edge|<session>' "
                    + "or '~reset|<model>'");
        }
        return new Pair(key.substring(0, bar), key.substring(bar + 1));
    }
}
