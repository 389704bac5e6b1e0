package io.restlive.edge.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntSupplier;

/**
 * The edge's meters, all under {@code restlive.edge.*} (Prometheus: {@code restlive_edge_*}). Counters with
 * a tag are registered for every tag value at start-up, so that a dashboard's series exist at zero.
 * docs/operations.md lists them; docs/grafana/rest-live.json charts them.
 */
public final class EdgeMetrics {

    /** Why a connection ended ({@code restlive.edge.closes{reason}}). */
    public enum CloseReason {
        /** The client closed it, or the network dropped it. */
        CLIENT,
        /** Close 1008: the client did not read its frames (send-buffer or send-time limit). */
        TOO_SLOW,
        /** Close 4003 "token expired": the connection's token expired. */
        TOKEN_EXPIRED,
        /** Close 4003: an anonymous connection to a non-public endpoint. */
        UNAUTHENTICATED,
        /** Close 1002: the client broke the WebSocket protocol (e.g. a frame over 64 KB). */
        PROTOCOL_ERROR,
        /** Close 1008 "too many refused requests": the client kept sending what the edge had to refuse. */
        TOO_MANY_ERRORS
    }

    /** Why a handshake was refused ({@code restlive.edge.auth.failures{reason}}). */
    public enum AuthFailure {
        /** HTTP 403: the Origin header is not in rest-live.allowed-origins. */
        ORIGIN,
        /** A token without a valid signature. */
        BAD_SIGNATURE,
        /** A token that is not a JWT. */
        MALFORMED,
        /** A token past its exp (plus the clock skew). */
        EXPIRED,
        /** A token before its nbf. */
        NOT_YET_VALID,
        /** A token without exp while rest-live.jwt-require-expiry holds. */
        MISSING_EXPIRY,
        /** A token without sub while rest-live.jwt-require-subject holds. */
        MISSING_SUBJECT,
        /** A token whose iss is not rest-live.jwt-issuer. */
        WRONG_ISSUER,
        /** A token whose aud does not contain rest-live.jwt-audience. */
        WRONG_AUDIENCE,
        /** The issuer's keys could not be fetched. */
        KEYS_UNAVAILABLE,
        /** A token on an edge configured with no way to validate tokens. */
        NOT_CONFIGURED,
        /** Any other reason the decoder gave. */
        OTHER
    }

    /** Which limit refused something ({@code restlive.edge.limit.refusals{limit}}). */
    public enum Limit {
        SUBSCRIPTIONS, GROUPS, SUBSCRIBE_RATE, LOOKUP_BY_SIZE, QUERY_PARAMS_SIZE, VIEW_KWARGS_SIZE,
        CONNECTIONS, CONNECTIONS_PER_USER, SUBSCRIBE_RATE_PER_USER, SUBSCRIPTIONS_PER_USER, HANDSHAKE_RATE_PER_USER,
        NEW_GROUP_RATE_PER_USER, ERRORS_PER_USER
    }

    private final MeterRegistry registry;
    private final AtomicLong subscriptions = new AtomicLong();
    private final AtomicLong broadcastLag = new AtomicLong();
    private final Counter framesSent;
    private final Counter bytesSent;
    private final Map<CloseReason, Counter> closes = new EnumMap<>(CloseReason.class);
    private final Map<AuthFailure, Counter> authFailures = new EnumMap<>(AuthFailure.class);
    private final Map<Limit, Counter> refusals = new EnumMap<>(Limit.class);
    private final Timer deliveryLatency;

    /** @param registry where the meters are registered */
    public EdgeMetrics(MeterRegistry registry) {
        this.registry = registry;
        Gauge.builder("restlive.edge.subscriptions", subscriptions, AtomicLong::get)
                .description("Live subscriptions on this edge").register(registry);
        Gauge.builder("restlive.edge.broadcast.lag", broadcastLag, AtomicLong::get).baseUnit("records")
                .description("Broadcast records not yet read by this edge, over every partition").register(registry);
        framesSent = Counter.builder("restlive.edge.frames.sent")
                .description("Frames written to clients (broadcasts and errors)").register(registry);
        bytesSent = Counter.builder("restlive.edge.sent").baseUnit("bytes")
                .description("Characters of frames written to clients (bytes for ASCII JSON)").register(registry);
        for (CloseReason reason : CloseReason.values()) {
            closes.put(reason, Counter.builder("restlive.edge.closes").tag("reason", tag(reason))
                    .description("Connections ended, by reason").register(registry));
        }
        for (AuthFailure reason : AuthFailure.values()) {
            authFailures.put(reason, Counter.builder("restlive.edge.auth.failures").tag("reason", tag(reason))
                    .description("Handshakes refused with 401 (token) or 403 (origin), by reason").register(registry));
        }
        for (Limit limit : Limit.values()) {
            refusals.put(limit, Counter.builder("restlive.edge.limit.refusals").tag("limit", tag(limit))
                    .description("Subscribes or handshakes refused by a limit, by limit").register(registry));
        }
        deliveryLatency = Timer.builder("restlive.edge.delivery.latency")
                .description("From a change's timestamp to its broadcast frame being queued for the client")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofSeconds(60))
                .register(registry);
    }

    /** Meters kept in memory only, for tests and tools. */
    public static EdgeMetrics inMemory() {
        return new EdgeMetrics(new SimpleMeterRegistry());
    }

    /** Registers the gauge of open connections ({@code restlive.edge.connections}). */
    public void gaugeConnections(IntSupplier connections) {
        Gauge.builder("restlive.edge.connections", connections::getAsInt)
                .description("Open WebSocket connections (including handshakes in progress)").register(registry);
    }

    /** Registers the gauge of subscription groups this edge holds ({@code restlive.edge.groups}). */
    public void gaugeGroups(IntSupplier groups) {
        Gauge.builder("restlive.edge.groups", groups::getAsInt)
                .description("Subscription groups with at least one subscriber on this edge").register(registry);
    }

    /** {@code count} subscriptions were added (negative: removed). */
    public void subscriptionsChanged(long count) {
        subscriptions.addAndGet(count);
    }

    /** One frame of {@code characters} characters was handed to a client's socket. */
    public void frameSent(int characters) {
        framesSent.increment();
        bytesSent.increment(characters);
    }

    /** A connection ended. */
    public void closed(CloseReason reason) {
        closes.get(reason).increment();
    }

    /** A handshake was refused. */
    public void authFailed(AuthFailure reason) {
        authFailures.get(reason).increment();
    }

    /** A limit refused a subscribe or a handshake. */
    public void refused(Limit limit) {
        refusals.get(limit).increment();
    }

    /**
     * The broadcast consumer's lag, records behind the end of every partition together; to be set after
     * each poll ({@code restlive.edge.broadcast.lag}).
     */
    public void broadcastLag(long records) {
        broadcastLag.set(records);
    }

    /**
     * A broadcast frame of the change stamped {@code changeTimestamp} was queued for a client: records the
     * end-to-end latency ({@code restlive.edge.delivery.latency}). Call once per change and edge (when its
     * frames are handed out), not once per subscriber, so that a change with many subscribers weighs once.
     */
    public void delivered(Instant changeTimestamp) {
        long millis = System.currentTimeMillis() - changeTimestamp.toEpochMilli();
        deliveryLatency.record(Math.max(0, millis), java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    /** The counts so far, for tests. */
    public double count(Limit limit) {
        return refusals.get(limit).count();
    }

    public double count(CloseReason reason) {
        return closes.get(reason).count();
    }

    public double count(AuthFailure reason) {
        return authFailures.get(reason).count();
    }

    public long subscriptions() {
        return subscriptions.get();
    }

    private static String tag(Enum<?> value) {
        return value.name().toLowerCase(java.util.Locale.ROOT);
    }
}
