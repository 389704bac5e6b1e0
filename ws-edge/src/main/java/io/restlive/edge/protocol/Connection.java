package io.restlive.edge.protocol;

import io.restlive.core.views.Endpoint;
import io.restlive.core.views.LiveUser;
import java.util.Collection;
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
        subscriptions.put(idKey(id), subscription);
        return subscription;
    }

    Subscription remove(JsonNode id) {
        return subscriptions.remove(idKey(id));
    }

    /** Removes this very subscription (not a later one under the same id); true if it was live. */
    boolean remove(Subscription subscription) {
        return subscriptions.remove(idKey(subscription.id()), subscription);
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
        Collection<Subscription> all = List.copyOf(subscriptions.values());
        subscriptions.clear();
        return List.copyOf(all);
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
