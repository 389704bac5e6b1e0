package io.restlive.edge.protocol;

import java.util.function.LongSupplier;

/**
 * A token bucket: up to {@code burst} takes at once, refilled at {@code perSecond} a second. One per
 * connection for its subscribes and one for the errors it is answered; one per client (user or address) for
 * its subscribes, the new groups it starts, its handshakes and its errors.
 */
public final class TokenBucket {

    private final double perNano;
    private final double burst;
    private final LongSupplier nanoTime;
    private double tokens;
    private long lastNanos;

    public TokenBucket(double perSecond, int burst, LongSupplier nanoTime) {
        this.perNano = perSecond / 1e9;
        this.burst = burst;
        this.nanoTime = nanoTime;
        this.tokens = burst;
        this.lastNanos = nanoTime.getAsLong();
    }

    /** Takes a token if there is one. */
    public synchronized boolean tryTake() {
        refill();
        if (tokens < 1) {
            return false;
        }
        tokens -= 1;
        return true;
    }

    /** Whether a take would succeed now (nothing is taken). */
    public synchronized boolean hasToken() {
        refill();
        return tokens >= 1;
    }

    /** True when the bucket has refilled to its burst: forgetting it now loses nothing. */
    public synchronized boolean isFull() {
        refill();
        return tokens >= burst;
    }

    private void refill() {
        long now = nanoTime.getAsLong();
        tokens = Math.min(burst, tokens + (now - lastNanos) * perNano);
        lastNanos = now;
    }
}
