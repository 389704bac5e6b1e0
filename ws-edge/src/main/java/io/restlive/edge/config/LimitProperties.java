package io.restlive.edge.config;

import io.restlive.edge.protocol.ClientBudget;
import io.restlive.edge.protocol.SubscriptionLimits;
import io.restlive.edge.web.LiveWebSocketHandler;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * What clients may ask of one edge, from {@code rest-live.*} properties or the matching {@code REST_LIVE_*}
 * variables. The defaults leave room for a busy page (dozens of subscriptions, a few tabs per user) and
 * stop a client that loops.
 *
 * @param maxConnections WebSocket connections the edge holds; a handshake beyond gets HTTP 503
 *     ({@code REST_LIVE_MAX_CONNECTIONS})
 * @param maxConnectionsPerUser connections one user (token {@code sub}), or one remote address for anonymous
 *     connections, may hold on this edge; beyond, HTTP 429 ({@code REST_LIVE_MAX_CONNECTIONS_PER_USER})
 * @param maxSubscriptionsPerConnection live subscriptions of one connection
 *     ({@code REST_LIVE_MAX_SUBSCRIPTIONS_PER_CONNECTION})
 * @param maxGroupsPerConnection distinct subscription groups of one connection
 *     ({@code REST_LIVE_MAX_GROUPS_PER_CONNECTION})
 * @param subscribeRate subscribes per second one connection may sustain ({@code REST_LIVE_SUBSCRIBE_RATE})
 * @param subscribeBurst subscribes one connection may send at once ({@code REST_LIVE_SUBSCRIBE_BURST})
 * @param maxLookupBySize the largest {@code lookup_by}, as JSON text ({@code REST_LIVE_MAX_LOOKUP_BY_SIZE})
 * @param maxQueryParamsSize the largest {@code query_params} ({@code REST_LIVE_MAX_QUERY_PARAMS_SIZE})
 * @param maxViewKwargsSize the largest {@code view_kwargs} ({@code REST_LIVE_MAX_VIEW_KWARGS_SIZE})
 * @param snapshotLimit the most instances a protocol v2 snapshot holds; a larger view is refused with 413
 *     ({@code REST_LIVE_SNAPSHOT_LIMIT}, at most 100,000)
 * @param errorRate error answers per second one connection may cause, sustained, before it is closed with 1008
 *     ({@code REST_LIVE_ERROR_RATE})
 * @param errorBurst error answers one connection may cause at once ({@code REST_LIVE_ERROR_BURST})
 * @param maxSubscriptionsPerUser live subscriptions over all connections of one user (or anonymous address)
 *     on this edge ({@code REST_LIVE_MAX_SUBSCRIPTIONS_PER_USER})
 * @param subscribeRatePerUser subscribes per second over all connections of one user, sustained
 *     ({@code REST_LIVE_SUBSCRIBE_RATE_PER_USER})
 * @param subscribeBurstPerUser subscribes over all connections of one user at once
 *     ({@code REST_LIVE_SUBSCRIBE_BURST_PER_USER})
 * @param handshakeRatePerUser connections one user may open per second, sustained; beyond, HTTP 429
 *     ({@code REST_LIVE_HANDSHAKE_RATE_PER_USER})
 * @param handshakeBurstPerUser connections one user may open at once ({@code REST_LIVE_HANDSHAKE_BURST_PER_USER})
 * @param newGroupRatePerUser subscribes per second over all connections of one user, sustained, to groups this edge
 *     did not hold: each starts the group in the processors' tasks ({@code REST_LIVE_NEW_GROUP_RATE_PER_USER})
 * @param newGroupBurstPerUser such subscribes at once ({@code REST_LIVE_NEW_GROUP_BURST_PER_USER})
 * @param errorRatePerUser error answers per second all connections of one user may cause together, sustained
 *     ({@code REST_LIVE_ERROR_RATE_PER_USER})
 * @param errorBurstPerUser error answers all connections of one user may cause at once; beyond, the connection is
 *     closed with 1008 and the user's handshakes get HTTP 429 until the budget refills
 *     ({@code REST_LIVE_ERROR_BURST_PER_USER})
 */
@ConfigurationProperties(prefix = "rest-live")
public record LimitProperties(
        @DefaultValue("20000") int maxConnections,
        @DefaultValue("100") int maxConnectionsPerUser,
        @DefaultValue("200") int maxSubscriptionsPerConnection,
        @DefaultValue("100") int maxGroupsPerConnection,
        @DefaultValue("20") double subscribeRate,
        @DefaultValue("50") int subscribeBurst,
        @DefaultValue("1KB") DataSize maxLookupBySize,
        @DefaultValue("4KB") DataSize maxQueryParamsSize,
        @DefaultValue("4KB") DataSize maxViewKwargsSize,
        @DefaultValue("10000") int snapshotLimit,
        @DefaultValue("10") double errorRate,
        @DefaultValue("100") int errorBurst,
        @DefaultValue("1000") int maxSubscriptionsPerUser,
        @DefaultValue("100") double subscribeRatePerUser,
        @DefaultValue("250") int subscribeBurstPerUser,
        @DefaultValue("10") double handshakeRatePerUser,
        @DefaultValue("50") int handshakeBurstPerUser,
        @DefaultValue("20") double newGroupRatePerUser,
        @DefaultValue("50") int newGroupBurstPerUser,
        @DefaultValue("20") double errorRatePerUser,
        @DefaultValue("200") int errorBurstPerUser) {

    public LimitProperties {
        atLeastOne(maxConnections, "rest-live.max-connections");
        atLeastOne(maxConnectionsPerUser, "rest-live.max-connections-per-user");
        atLeastOne(maxSubscriptionsPerConnection, "rest-live.max-subscriptions-per-connection");
        atLeastOne(maxGroupsPerConnection, "rest-live.max-groups-per-connection");
        atLeastOne(subscribeBurst, "rest-live.subscribe-burst");
        atLeastOne(errorBurst, "rest-live.error-burst");
        atLeastOne(maxSubscriptionsPerUser, "rest-live.max-subscriptions-per-user");
        atLeastOne(subscribeBurstPerUser, "rest-live.subscribe-burst-per-user");
        atLeastOne(handshakeBurstPerUser, "rest-live.handshake-burst-per-user");
        atLeastOne(newGroupBurstPerUser, "rest-live.new-group-burst-per-user");
        atLeastOne(errorBurstPerUser, "rest-live.error-burst-per-user");
        above0(subscribeRatePerUser, "rest-live.subscribe-rate-per-user");
        above0(handshakeRatePerUser, "rest-live.handshake-rate-per-user");
        above0(newGroupRatePerUser, "rest-live.new-group-rate-per-user");
        above0(errorRatePerUser, "rest-live.error-rate-per-user");
        if (!(errorRate > 0)) {
            throw new IllegalArgumentException("rest-live.error-rate must be above 0, was " + errorRate);
        }
        if (snapshotLimit < 0 || snapshotLimit > io.restlive.core.internalapi.SnapshotRequest.MAX_LIMIT) {
            throw new IllegalArgumentException("rest-live.snapshot-limit must be from 0 to "
                    + io.restlive.core.internalapi.SnapshotRequest.MAX_LIMIT + ", was " + snapshotLimit);
        }
        if (!(subscribeRate > 0)) {
            throw new IllegalArgumentException("rest-live.subscribe-rate must be above 0 (subscribes per second), was "
                    + subscribeRate);
        }
        positive(maxLookupBySize, "rest-live.max-lookup-by-size");
        positive(maxQueryParamsSize, "rest-live.max-query-params-size");
        positive(maxViewKwargsSize, "rest-live.max-view-kwargs-size");
    }

    /** How many error answers one connection may cause before it is closed. */
    public LiveWebSocketHandler.ErrorLimit errorLimit() {
        return new LiveWebSocketHandler.ErrorLimit(errorRate, errorBurst);
    }

    /** The per-connection limits the protocol enforces. */
    public SubscriptionLimits.Settings subscriptionLimits() {
        return new SubscriptionLimits.Settings(maxSubscriptionsPerConnection, maxGroupsPerConnection, subscribeRate,
                subscribeBurst, maxLookupBySize.toBytes(), maxQueryParamsSize.toBytes(), maxViewKwargsSize.toBytes());
    }

    /** What one user (or anonymous address) may take over all its connections. */
    public ClientBudget.Settings clientBudgets() {
        return new ClientBudget.Settings(subscribeRatePerUser, subscribeBurstPerUser, maxSubscriptionsPerUser,
                handshakeRatePerUser, handshakeBurstPerUser, newGroupRatePerUser, newGroupBurstPerUser,
                errorRatePerUser, errorBurstPerUser);
    }

    private static void above0(double value, String key) {
        if (!(value > 0)) {
            throw new IllegalArgumentException(key + " must be above 0 (per second), was " + value);
        }
    }

    private static void atLeastOne(int value, String key) {
        if (value < 1) {
            throw new IllegalArgumentException(key + " must be at least 1, was " + value);
        }
    }

    private static void positive(DataSize size, String key) {
        if (size == null || size.toBytes() < 1) {
            throw new IllegalArgumentException(key + " must be at least 1B (e.g. 4KB), was " + size);
        }
    }
}
