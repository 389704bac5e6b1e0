package io.restlive.edge.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import reactor.core.Disposable;
import reactor.core.scheduler.Scheduler;

/**
 * Ends a connection when its token expires. Protocol v2 will let a client refresh its token on an open
 * connection: that refresh calls {@link #expireAt} with the new token's expiry, which replaces the timer.
 */
final class ConnectionExpiry {

    /** Runs a task after a delay; cancelled through the returned disposable. */
    interface Timer {
        Disposable schedule(Runnable task, Duration delay);

        /** A timer on a Reactor scheduler. */
        static Timer on(Scheduler scheduler) {
            return (task, delay) -> scheduler.schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private final Timer timer;
    private final Clock clock;
    private final Runnable expire;
    private Disposable scheduled;
    private boolean cancelled;

    /**
     * @param timer runs {@code expire} when the time comes
     * @param expire closes the connection (with 4003, "token expired")
     */
    ConnectionExpiry(Timer timer, Clock clock, Runnable expire) {
        this.timer = timer;
        this.clock = clock;
        this.expire = expire;
    }

    /** Expires the connection at {@code at}, instead of any earlier expiry: the seam for token refresh. */
    synchronized void expireAt(Instant at) {
        if (cancelled) {
            return;
        }
        if (scheduled != null) {
            scheduled.dispose();
        }
        Duration delay = Duration.between(clock.instant(), at);
        scheduled = timer.schedule(expire, delay.isNegative() ? Duration.ZERO : delay);
    }

    /** The connection ended first: nothing is left to expire. */
    synchronized void cancel() {
        cancelled = true;
        if (scheduled != null) {
            scheduled.dispose();
        }
    }
}
