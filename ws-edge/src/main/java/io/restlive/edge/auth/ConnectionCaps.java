package io.restlive.edge.auth;

import io.restlive.edge.protocol.ClientBudget;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * How many connections this edge holds, in all and per client (a user's token {@code sub}, or the remote
 * address of an anonymous connection), the caps on both, and each client's {@link ClientBudget} (its rate of
 * handshakes and subscribes, its subscriptions over all its connections). A handshake takes a {@link Permit}
 * before the upgrade and the connection gives it back when it closes, so that a flood of connections is
 * refused with an HTTP status before it costs a WebSocket, instead of growing the heap until the edge dies.
 *
 * <p>A client's budget outlives its connections until it is idle (nothing held, rates refilled), so that
 * closing and reopening a connection does not refill what the client took.
 */
public final class ConnectionCaps {

    /** Why {@link #acquireFor} refused a handshake. */
    public enum Refusal {
        /** The client holds its cap of connections. */
        CONNECTIONS_PER_CLIENT,
        /** The client opens connections faster than its handshake rate. */
        HANDSHAKE_RATE,
        /** The client's connections caused more error answers than its budget, and it has not refilled yet. */
        ERRORS
    }

    /** The outcome of {@link #acquireFor}: a permit, or why there is none. */
    public record Admission(Permit permit, Refusal refusal) {

        public boolean admitted() {
            return permit != null;
        }
    }

    /** A held connection slot; {@link #release()} gives it back, once however often it is called. */
    public final class Permit {

        private final String client;
        private final ClientBudget budget;
        private final AtomicBoolean released = new AtomicBoolean();

        private Permit(String client, ClientBudget budget) {
            this.client = client;
            this.budget = budget;
        }

        /** What the connection's client may take over all its connections. */
        public ClientBudget budget() {
            return budget;
        }

        public void release() {
            if (released.compareAndSet(false, true)) {
                total.decrementAndGet();
                if (client != null) {
                    Client held = perClient.get(client);
                    if (held != null) {
                        held.connections.decrementAndGet();
                    }
                }
            }
        }
    }

    /** One client's connections and budget. */
    private record Client(AtomicInteger connections, ClientBudget budget) {
    }

    private static final long SWEEP_NANOS = 10_000_000_000L;

    private final int maxConnections;
    private final int maxPerClient;
    private final ClientBudget.Settings budgets;
    private final LongSupplier nanoTime;
    private final AtomicInteger total = new AtomicInteger();
    private final Map<String, Client> perClient = new ConcurrentHashMap<>();
    private final AtomicLong lastSweep;

    /**
     * @param maxConnections connections this edge accepts in all
     * @param maxPerClient connections one user or one anonymous remote address may hold on this edge
     */
    public ConnectionCaps(int maxConnections, int maxPerClient) {
        this(maxConnections, maxPerClient, ClientBudget.Settings.UNLIMITED, System::nanoTime);
    }

    /**
     * @param budgets what each client may take over all its connections
     * @param nanoTime the clock of the budgets' rates
     */
    public ConnectionCaps(int maxConnections, int maxPerClient, ClientBudget.Settings budgets, LongSupplier nanoTime) {
        this.maxConnections = maxConnections;
        this.maxPerClient = maxPerClient;
        this.budgets = budgets;
        this.nanoTime = nanoTime;
        this.lastSweep = new AtomicLong(nanoTime.getAsLong());
    }

    /** A slot of the edge's total, or empty when the edge is full. */
    public Optional<Permit> acquire() {
        if (total.incrementAndGet() > maxConnections) {
            total.decrementAndGet();
            return Optional.empty();
        }
        return Optional.of(new Permit(null, ClientBudget.unlimited()));
    }

    /**
     * A slot counted against {@code client} too, replacing {@code edgeSlot}; refused (and {@code edgeSlot}
     * released) when that client already holds its cap, opens connections faster than its handshake rate, or
     * has used up its error answers.
     */
    public Admission acquireFor(String client, Permit edgeSlot) {
        sweepIdleClients();
        Refusal[] refusal = new Refusal[1];
        Client admitted = perClient.compute(client, (k, held) -> {
            Client state = held == null ? new Client(new AtomicInteger(), new ClientBudget(budgets, nanoTime)) : held;
            if (state.connections().get() >= maxPerClient) {
                refusal[0] = Refusal.CONNECTIONS_PER_CLIENT;
            } else if (state.budget().errorsExhausted()) {
                refusal[0] = Refusal.ERRORS;
            } else if (!state.budget().tryHandshake()) {
                refusal[0] = Refusal.HANDSHAKE_RATE;
            } else {
                state.connections().incrementAndGet();
            }
            return state;
        });
        if (refusal[0] != null) {
            edgeSlot.release();
            return new Admission(null, refusal[0]);
        }
        // The edge slot moves into the client's permit: one release frees both.
        edgeSlot.released.set(true);
        return new Admission(new Permit(client, admitted.budget()), null);
    }

    /** Connections held now, including handshakes in progress. */
    public int connections() {
        return total.get();
    }

    /** Connections {@code client} holds now. */
    public int connections(String client) {
        Client held = perClient.get(client);
        return held == null ? 0 : held.connections().get();
    }

    /** Clients whose budgets are remembered (holding connections, or not idle yet). */
    public int clients() {
        return perClient.size();
    }

    /** Forgets, every few seconds, the clients that hold nothing and whose rates have refilled. */
    private void sweepIdleClients() {
        long now = nanoTime.getAsLong();
        long last = lastSweep.get();
        if (now - last < SWEEP_NANOS || !lastSweep.compareAndSet(last, now)) {
            return;
        }
        perClient.forEach((client, state) -> perClient.computeIfPresent(client, (k, held) ->
                held.connections().get() == 0 && held.budget().idle() ? null : held));
    }
}
