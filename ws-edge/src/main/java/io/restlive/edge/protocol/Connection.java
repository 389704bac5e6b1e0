package io.restlive.edge.protocol;

import io.restlive.core.views.Endpoint;
import io.restlive.core.views.LiveUser;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Supplier;
import tools.jackson.databind.JsonNode;

/**
 * One client connection: who it is, where it connected, its live subscriptions by id, and where its
 * frames go.
 */
public final class Connection {

    private final String name;
    private final boolean v2;
    private volatile LiveUser user;
    private final Endpoint endpoint;
    private final Consumer<Outbound> frames;
    private final Map<Object, Subscription> subscriptions = new ConcurrentHashMap<>();
    private final AtomicLong sequence = new AtomicLong();
    private final AtomicReference<TokenBucket> subscribeBucket = new AtomicReference<>();
    private final ClientBudget budget;

    /**
     * @param name for logs
     * @param user the authenticated user, or {@link LiveUser#ANONYMOUS}
     * @param endpoint the endpoint it connected to
     * @param frames sends one text frame to the client (must not block for long)
     */
    public Connection(String name, LiveUser user, Endpoint endpoint, Consumer<String> frames) {
        this(name, user, endpoint, frames, false);
    }

    /**
     * @param v2 true if the connection negotiated protocol v2 (subprotocol {@code rest-live.v2})
     */
    public Connection(String name, LiveUser user, Endpoint endpoint, Consumer<String> frames, boolean v2) {
        this(name, user, endpoint, v2, frame -> frames.accept(frame.text()));
    }

    /**
     * @param v2 true if the connection negotiated protocol v2
     * @param frames queues one frame for the client, text or shared bytes (must not block for long)
     */
    public Connection(String name, LiveUser user, Endpoint endpoint, boolean v2, Consumer<Outbound> frames) {
        this(name, user, endpoint, v2, frames, ClientBudget.unlimited());
    }

    /**
     * @param budget what the client (user or address) may take over all its connections, shared by them
     */
    public Connection(String name, LiveUser user, Endpoint endpoint, boolean v2, Consumer<Outbound> frames,
                      ClientBudget budget) {
        this.budget = budget;
        this.name = name;
        this.v2 = v2;
        this.user = user;
        this.endpoint = endpoint;
        this.frames = frames;
    }

    public LiveUser user() {
        return user;
    }

    /** True if it speaks protocol v2. */
    public boolean v2() {
        return v2;
    }

    /** A refreshed token's user (v2 {@code auth}). */
    void user(LiveUser refreshed) {
        user = refreshed;
    }

    public Endpoint endpoint() {
        return endpoint;
    }

    /** Sends a text frame. */
    public void send(String frame) {
        frames.accept(Outbound.text(frame));
    }

    /** Sends a frame, text or shared. */
    public void send(Outbound frame) {
        frames.accept(frame);
    }

    /** The live subscription with this id, compared the way Python compares JSON values (1 == 1.0). */
    public Subscription subscription(JsonNode id) {
        return subscriptions.get(idKey(id));
    }

    Subscription add(JsonNode id, String groupKey, SubscriptionRequest request) {
        Subscription subscription = new Subscription(id, io.restlive.core.json.Json.write(id),
                sequence.incrementAndGet(), groupKey, request);
        if (subscriptions.put(idKey(id), subscription) == null) {
            budget.subscriptionsChanged(1);
        }
        return subscription;
    }

    Subscription remove(JsonNode id) {
        Subscription removed = subscriptions.remove(idKey(id));
        if (removed != null) {
            budget.subscriptionsChanged(-1);
        }
        return removed;
    }

    /** Removes this very subscription (not a later one under the same id); true if it was live. */
    boolean remove(Subscription subscription) {
        boolean removed = subscriptions.remove(idKey(subscription.id()), subscription);
        if (removed) {
            budget.subscriptionsChanged(-1);
        }
        return removed;
    }

    /** Puts {@code moved} (same id, another group) in place of {@code live}; false if {@code live} ended. */
    boolean replace(Subscription live, Subscription moved) {
        return subscriptions.replace(idKey(live.id()), live, moved);
    }

    /** Every live subscription, in no order. */
    List<Subscription> subscriptions() {
        return List.copyOf(subscriptions.values());
    }

    /** Number of live subscriptions. */
    int subscriptionCount() {
        return subscriptions.size();
    }

    /** Number of distinct groups its live subscriptions belong to. */
    int groupCount() {
        return (int) subscriptions.values().stream().map(Subscription::groupKey).distinct().count();
    }

    /** Whether one of its live subscriptions belongs to this group. */
    boolean holdsGroup(String groupKey) {
        return subscriptions.values().stream().anyMatch(s -> s.groupKey().equals(groupKey));
    }

    /** The connection's subscribe rate limiter, made on first use. */
    TokenBucket subscribeBucket(Supplier<TokenBucket> create) {
        TokenBucket bucket = subscribeBucket.get();
        if (bucket == null) {
            subscribeBucket.compareAndSet(null, create.get());
            bucket = subscribeBucket.get();
        }
        return bucket;
    }

    /** Every live subscription, then none: for a closing connection. */
    public List<Subscription> removeAll() {
        List<Subscription> removed = new ArrayList<>();
        for (Object id : List.copyOf(subscriptions.keySet())) {
            Subscription subscription = subscriptions.remove(id);
            if (subscription != null) {
                removed.add(subscription);
            }
        }
        budget.subscriptionsChanged(-removed.size());
        return removed;
    }

    /** What the connection's client may take over all its connections. */
    ClientBudget budget() {
        return budget;
    }

    private static Object idKey(JsonNode id) {
        if (id.isNumber()) {
            // 1e400 parses as an infinite double, which has no decimal value (found by the frame fuzzer).
            if (id.isFloatingPointNumber() && !Double.isFinite(id.doubleValue()) && !id.isBigDecimal()) {
                return "d:" + id.doubleValue();
            }
            return id.decimalValue().stripTrailingZeros();
        }
        return id.isString() ? "s:" + id.asString() : "j:" + io.restlive.core.json.Json.canonical(id);
    }

    @Override
    public String toString() {
        return name;
    }

}
