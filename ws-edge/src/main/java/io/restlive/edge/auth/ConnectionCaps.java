package io.restlive.edge.auth;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * How many connections this edge holds, in all and per client (a user's token {@code sub}, or the remote
 * address of an anonymous connection), and the caps on both. A handshake takes a {@link Permit} before the
 * upgrade and the connection gives it back when it closes, so that a flood of connections is refused with
 * an HTTP status before it costs a WebSocket, instead of growing the heap until the edge dies.
 */
public final class ConnectionCaps {

    /** A held connection slot; {@link #release()} gives it back, once however often it is called. */
    public final class Permit {

        private final String client;
        private final AtomicBoolean released = new AtomicBoolean();

        private Permit(String client) {
            this.client = client;
        }

        public void release() {
            if (released.compareAndSet(false, true)) {
                total.decrementAndGet();
                if (client != null) {
                    perClient.computeIfPresent(client, (k, held) -> held.decrementAndGet() <= 0 ? null : held);
                }
            }
        }
    }

    private final int maxConnections;
    private final int maxPerClient;
    private final AtomicInteger total = new AtomicInteger();
    private final Map<String, AtomicInteger> perClient = new ConcurrentHashMap<>();

    /**
     * @param maxConnections connections this edge accepts in all
     * @param maxPerClient connections one user or one anonymous remote address may hold on this edge
     */
    public ConnectionCaps(int maxConnections, int maxPerClient) {
        this.maxConnections = maxConnections;
        this.maxPerClient = maxPerClient;
    }

    /** A slot of the edge's total, or empty when the edge is full. */
    public Optional<Permit> acquire() {
        if (total.incrementAndGet() > maxConnections) {
            total.decrementAndGet();
            return Optional.empty();
        }
        return Optional.of(new Permit(null));
    }

    /**
     * A slot counted against {@code client} too, replacing {@code edgeSlot}; empty (and {@code edgeSlot}
     * released) when that client already holds its cap.
     */
    public Optional<Permit> acquireFor(String client, Permit edgeSlot) {
        boolean[] granted = new boolean[1];
        perClient.compute(client, (k, held) -> {
            AtomicInteger count = held == null ? new AtomicInteger() : held;
            granted[0] = count.get() < maxPerClient;
            if (granted[0]) {
                count.incrementAndGet();
            }
            return count.get() == 0 ? null : count;
        });
        if (!granted[0]) {
            edgeSlot.release();
            return Optional.empty();
        }
        // The edge slot moves into the client's permit: one release frees both.
        edgeSlot.released.set(true);
        return Optional.of(new Permit(client));
    }

    /** Connections held now, including handshakes in progress. */
    public int connections() {
        return total.get();
    }

    /** Connections {@code client} holds now. */
    public int connections(String client) {
        AtomicInteger held = perClient.get(client);
        return held == null ? 0 : held.get();
    }
}
