package io.restlive.edge.protocol;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * What one client (a user by token {@code sub}, or the remote address of an anonymous connection) may take of
 * an edge across all its connections: handshakes and subscribes per second, groups it makes the processors
 * start per second, and live subscriptions. The
 * per-connection limits bound one connection; without these, a client that opens its allowed connections, or
 * closes and reopens one each time it is refused, multiplies them (100 connections x 100 groups).
 *
 * <p>Shared by the client's connections, which run on different event loops: the counts are atomic, and a
 * check and the add that follows it are not one step, so concurrent subscribes of one client on several
 * connections can pass the subscriptions cap by at most one per connection.
 */
public final class ClientBudget {

    /**
     * @param subscribeRate subscribes per second, sustained, over all the client's connections
     * @param subscribeBurst subscribes at once (pages opening together)
     * @param maxSubscriptions live subscriptions over all the client's connections
     * @param handshakeRate connections opened per second, sustained
     * @param handshakeBurst connections opened at once (tabs reconnecting after an edge restart)
     * @param newGroupRate subscribes per second, sustained, that start a group this edge did not hold: each is a
     *     command to the processors' tasks (a list group's to every task), and its leave another, the costliest
     *     thing a client can ask for
     * @param newGroupBurst such subscribes at once (a page opening)
     * @param errorRate error answers per second, sustained, that the client's connections may cause together
     * @param errorBurst error answers at once: beyond, the connection that caused one is closed, and the
     *     client's handshakes are refused until the budget has a token again
     */
    public record Settings(double subscribeRate, int subscribeBurst, int maxSubscriptions, double handshakeRate,
                           int handshakeBurst, double newGroupRate, int newGroupBurst, double errorRate,
                           int errorBurst) {

        /** No limits, for tests of other things. */
        public static final Settings UNLIMITED = new Settings(1e9, Integer.MAX_VALUE, Integer.MAX_VALUE, 1e9,
                Integer.MAX_VALUE, 1e9, Integer.MAX_VALUE, 1e9, Integer.MAX_VALUE);
    }

    private static final ClientBudget UNLIMITED = new ClientBudget(Settings.UNLIMITED, System::nanoTime);

    private final Settings settings;
    private final TokenBucket subscribes;
    private final TokenBucket handshakes;
    private final TokenBucket newGroups;
    private final TokenBucket errors;
    private final AtomicInteger subscriptions = new AtomicInteger();

    public ClientBudget(Settings settings, LongSupplier nanoTime) {
        this.settings = settings;
        this.subscribes = new TokenBucket(settings.subscribeRate(), settings.subscribeBurst(), nanoTime);
        this.handshakes = new TokenBucket(settings.handshakeRate(), settings.handshakeBurst(), nanoTime);
        this.newGroups = new TokenBucket(settings.newGroupRate(), settings.newGroupBurst(), nanoTime);
        this.errors = new TokenBucket(settings.errorRate(), settings.errorBurst(), nanoTime);
    }

    /** A budget nothing exhausts, shared: for connections no client budget was given to. */
    public static ClientBudget unlimited() {
        return UNLIMITED;
    }

    public Settings settings() {
        return settings;
    }

    /** Takes one handshake; false when the client opens connections faster than it may. */
    public boolean tryHandshake() {
        return handshakes.tryTake();
    }

    /** Takes one subscribe; false when the client's connections subscribe faster than it may, together. */
    boolean trySubscribe() {
        return subscribes.tryTake();
    }

    /** Takes one new group; false when the client's connections start groups faster than it may, together. */
    boolean tryNewGroup() {
        return newGroups.tryTake();
    }

    /** Takes one error answer; false when the client's connections cause errors faster than it may, together. */
    public boolean tryError() {
        return errors.tryTake();
    }

    /**
     * Whether the client has used up its error answers: a connection it opens now would be closed at its first
     * error, so its handshake is refused instead (a client closed for its errors cannot come straight back and
     * be refused a hundred times more).
     */
    public boolean errorsExhausted() {
        return !errors.hasToken();
    }

    /** Whether the client's connections hold their cap of live subscriptions. */
    boolean subscriptionsFull() {
        return subscriptions.get() >= settings.maxSubscriptions();
    }

    /** Live subscriptions of all the client's connections. */
    public int subscriptions() {
        return subscriptions.get();
    }

    void subscriptionsChanged(int delta) {
        subscriptions.addAndGet(delta);
    }

    /** True when forgetting the budget loses nothing: no subscription held, every rate refilled. */
    public boolean idle() {
        return subscriptions.get() == 0 && subscribes.isFull() && handshakes.isFull() && newGroups.isFull()
                && errors.isFull();
    }
}
