package io.restlive.processor.liveness;

/**
 * What the processor knows about one edge session: when it last heard from it (this instance's clock),
 * how much silence expires it, and when it was expired.
 *
 * @param lastSeenMs wall-clock time of the last heartbeat, as the processor received it
 * @param ttlMs silence after which the session is expired
 * @param expiredAtMs when the session was expired; 0 while it is live
 */
public record EdgeLease(long lastSeenMs, long ttlMs, long expiredAtMs) {

    /** A live session just heard from. */
    public static EdgeLease heardAt(long nowMs, long ttlMs) {
        return new EdgeLease(nowMs, ttlMs, 0);
    }

    /** True once the session has been expired; its groups are being (or have been) tombstoned. */
    public boolean expired() {
        return expiredAtMs != 0;
    }

    /** True if a live session has been silent for longer than its TTL at {@code nowMs}. */
    public boolean silentAt(long nowMs) {
        return !expired() && nowMs - lastSeenMs > ttlMs;
    }

    /** The same session, expired at {@code nowMs}. */
    public EdgeLease expireAt(long nowMs) {
        return new EdgeLease(lastSeenMs, ttlMs, Math.max(1, nowMs));
    }
}
