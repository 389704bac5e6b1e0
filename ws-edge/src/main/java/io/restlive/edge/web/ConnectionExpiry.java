package io.restlive.edge.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import reactor.core.Disposable;
import reactor.core.scheduler.Scheduler;

/**
 * Ends a connection when its token expires, and warns a v2 client some time before so that it can refresh
 * its token in-band: that refresh calls {@link #expireAt} with the new token's expiry, which replaces both
 * timers.
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
    private final Consumer<Instant> warn;
    private final Duration warningLead;
    private Disposable scheduled;
    private Disposable warning;
    private boolean cancelled;

    /**
     * @param timer runs {@code expire} when the time comes
     * @param expire closes the connection (with 4003, "token expired")
     */
    ConnectionExpiry(Timer timer, Clock clock, Runnable expire) {
        this(timer, clock, expire, at -> { }, Duration.ZERO);
    }

    /**
     * @param warn tells the client its token expires at the given time (v2 {@code token_expiring})
     * @param warningLead how long before the expiry it is warned
     */
    ConnectionExpiry(Timer timer, Clock clock, Runnable expire, Consumer<Instant> warn,
                     Duration warningLead) {
        this.timer = timer;
        this.clock = clock;
        this.expire = expire;
        this.warn = warn;
        this.warningLead = warningLead;
    }

    /** Expires the connection at {@code at}, instead of any earlier expiry: the seam for token refresh. */
    synchronized void expireAt(Instant at) {
        if (cancelled) {
            return;
        }
        if (scheduled != null) {
            scheduled.dispose();
        }
        if (warning != null) {
            warning.dispose();
            warning = null;
        }
        Duration delay = Duration.between(clock.instant(), at);
        scheduled = timer.schedule(expire, delay.isNegative() ? Duration.ZERO : delay);
        if (!warningLead.isZero() && delay.compareTo(warningLead) > 0) {
            warning = timer.schedule(() -> warn.accept(at), delay.minus(warningLead));
        } else if (!warningLead.isZero() && !delay.isNegative() && !delay.isZero()) {
            warn.accept(at);
        }
    }

    /** The token no longer expires (a refresh with one that has no {@code exp}). */
    synchronized void never() {
        if (scheduled != null) {
            scheduled.dispose();
            scheduled = null;
        }
        if (warning != null) {
            warning.dispose();
            warning = null;
        }
    }

    /** The connection ended first: nothing is left to expire. */
    synchronized void cancel() {
        cancelled = true;
        if (scheduled != null) {
            scheduled.dispose();
        }
        if (warning != null) {
            warning.dispose();
        }
    }
}
