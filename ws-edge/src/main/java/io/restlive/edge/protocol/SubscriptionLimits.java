package io.restlive.edge.protocol;

import io.restlive.core.json.Json;
import io.restlive.edge.metrics.EdgeMetrics;
import io.restlive.edge.metrics.EdgeMetrics.Limit;
import java.nio.charset.StandardCharsets;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What one connection may ask of the edge: how fast it subscribes (a token bucket), how many subscriptions
 * and distinct groups it holds, and how large the values of a subscribe may be; and what its client (user or
 * address) may ask over all its connections ({@link ClientBudget}): how fast they subscribe together and how
 * many subscriptions they hold. A refusal is an error frame
 * (429 for the rate, 400 for the rest); the connection and its other subscriptions stay as they were.
 */
public final class SubscriptionLimits {

    private static final Logger log = LoggerFactory.getLogger(SubscriptionLimits.class);
    private static final int LOGGED_CHARS = 64;

    /**
     * The limits.
     *
     * @param maxSubscriptions live subscriptions per connection
     * @param maxGroups distinct subscription groups per connection
     * @param subscribeRate subscribes per second per connection, sustained
     * @param subscribeBurst subscribes per connection at once, after a quiet while
     * @param maxLookupByBytes the largest {@code lookup_by}, as JSON text
     * @param maxQueryParamsBytes the largest {@code query_params}, as JSON text
     * @param maxViewKwargsBytes the largest {@code view_kwargs}, as JSON text
     */
    public record Settings(int maxSubscriptions, int maxGroups, double subscribeRate, int subscribeBurst,
                           long maxLookupByBytes, long maxQueryParamsBytes, long maxViewKwargsBytes) {

        /** No limits at all, for tests of other things. */
        public static final Settings UNLIMITED = new Settings(Integer.MAX_VALUE, Integer.MAX_VALUE, 1e9,
                Integer.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE);
    }

    private final Settings settings;
    private final EdgeMetrics metrics;
    private final LongSupplier nanoTime;

    public SubscriptionLimits(Settings settings, EdgeMetrics metrics) {
        this(settings, metrics, System::nanoTime);
    }

    SubscriptionLimits(Settings settings, EdgeMetrics metrics, LongSupplier nanoTime) {
        this.settings = settings;
        this.metrics = metrics;
        this.nanoTime = nanoTime;
    }

    /** No limits, for tests of other things. */
    public static SubscriptionLimits unlimited() {
        return new SubscriptionLimits(Settings.UNLIMITED, EdgeMetrics.inMemory());
    }

    /**
     * Checks a subscribe frame before anything else is done with it: its rate, the size of its values and
     * the connection's subscription count. Every subscribe frame takes from the rate, valid or not.
     */
    void beforeSubscribe(Connection connection, ObjectNode message) throws ProtocolError {
        if (!connection.subscribeBucket(() -> new TokenBucket(settings.subscribeRate(), settings.subscribeBurst(),
                nanoTime)).tryTake()) {
            throw refused(connection, Limit.SUBSCRIBE_RATE, 429, "Too many subscribes: at most "
                    + format(settings.subscribeRate()) + " per second on one connection (bursts of "
                    + settings.subscribeBurst() + "); slow down.");
        }
        ClientBudget budget = connection.budget();
        if (!budget.trySubscribe()) {
            throw refused(connection, Limit.SUBSCRIBE_RATE_PER_USER, 429, "Too many subscribes: at most "
                    + format(budget.settings().subscribeRate()) + " per second over all connections of one user"
                    + " (bursts of " + budget.settings().subscribeBurst() + "); slow down.");
        }
        checkSize(connection, message, "lookup_by", settings.maxLookupByBytes(), Limit.LOOKUP_BY_SIZE);
        checkSize(connection, message, "query_params", settings.maxQueryParamsBytes(), Limit.QUERY_PARAMS_SIZE);
        checkSize(connection, message, "view_kwargs", settings.maxViewKwargsBytes(), Limit.VIEW_KWARGS_SIZE);
        if (connection.subscriptionCount() >= settings.maxSubscriptions()) {
            throw refused(connection, Limit.SUBSCRIPTIONS, 400, "Too many subscriptions: at most "
                    + settings.maxSubscriptions() + " on one connection; unsubscribe first.");
        }
        if (budget.subscriptionsFull()) {
            throw refused(connection, Limit.SUBSCRIPTIONS_PER_USER, 400, "Too many subscriptions: at most "
                    + budget.settings().maxSubscriptions() + " over all connections of one user; unsubscribe first.");
        }
    }

    /**
     * Checks, once its group is known, that a subscription would not take the connection past its groups, nor
     * its client past the groups it may start per second.
     *
     * @param edgeHoldsGroup whether the edge holds the group already (another subscriber's)
     */
    void beforeJoin(Connection connection, String groupKey, boolean edgeHoldsGroup) throws ProtocolError {
        if (!connection.holdsGroup(groupKey) && connection.groupCount() >= settings.maxGroups()) {
            throw refused(connection, Limit.GROUPS, 400, "Too many distinct subscriptions: at most "
                    + settings.maxGroups() + " groups (view, action, instance and parameters) on one connection.");
        }
        ClientBudget budget = connection.budget();
        if (!edgeHoldsGroup && !budget.tryNewGroup()) {
            throw refused(connection, Limit.NEW_GROUP_RATE_PER_USER, 429, "Too many new subscriptions: at most "
                    + format(budget.settings().newGroupRate()) + " per second, over all connections of one user,"
                    + " to groups no one on this server holds yet (bursts of " + budget.settings().newGroupBurst()
                    + "); slow down.");
        }
    }

    private void checkSize(Connection connection, ObjectNode message, String field, long max, Limit limit)
            throws ProtocolError {
        JsonNode value = message.get(field);
        if (value == null || max == Long.MAX_VALUE) {
            return;
        }
        String json = Json.write(value);
        // A character is at least one byte: only a text near the limit needs encoding.
        if (json.length() > max || (json.length() * 3L > max && json.getBytes(StandardCharsets.UTF_8).length > max)) {
            long bytes = json.getBytes(StandardCharsets.UTF_8).length;
            log.debug("{}: {} of {} bytes refused, starting {}", connection, field, bytes,
                    json.substring(0, Math.min(LOGGED_CHARS, json.length())));
            throw refused(connection, limit, 400, "`" + field + "` is too large: " + bytes + " bytes, at most " + max
                    + ".");
        }
    }

    private ProtocolError refused(Connection connection, Limit limit, int code, String message) {
        metrics.refused(limit);
        log.debug("{}: subscribe refused by the {} limit", connection, limit);
        return new ProtocolError(code, message);
    }

    private static String format(double rate) {
        return rate == Math.rint(rate) ? Long.toString((long) rate) : Double.toString(rate);
    }
}
