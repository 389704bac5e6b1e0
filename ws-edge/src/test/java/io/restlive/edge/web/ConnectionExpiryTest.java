package io.restlive.edge.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;

class ConnectionExpiryTest {

    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    /** A timer on virtual time: tasks run when the test advances past their due time. */
    private static final class FakeTimer implements ConnectionExpiry.Timer {
        private record Task(Runnable run, Duration due, boolean[] cancelled) {
        }

        private final List<Task> tasks = new ArrayList<>();
        private Duration now = Duration.ZERO;

        @Override
        public Disposable schedule(Runnable task, Duration delay) {
            boolean[] cancelled = new boolean[1];
            tasks.add(new Task(task, now.plus(delay), cancelled));
            return () -> cancelled[0] = true;
        }

        void advanceTimeBy(Duration duration) {
            now = now.plus(duration);
            for (Task task : List.copyOf(tasks)) {
                if (!task.cancelled()[0] && task.due().compareTo(now) <= 0) {
                    tasks.remove(task);
                    task.run().run();
                }
            }
        }

        void advanceTime() {
            advanceTimeBy(Duration.ZERO);
        }
    }

    private final FakeTimer time = new FakeTimer();
    private final AtomicInteger expired = new AtomicInteger();
    private final ConnectionExpiry expiry = new ConnectionExpiry(time, Clock.fixed(NOW, ZoneOffset.UTC),
            expired::incrementAndGet);

    @Test
    void shouldExpireTheConnectionAtItsTokensExpiry() {
        expiry.expireAt(NOW.plusSeconds(10));

        time.advanceTimeBy(Duration.ofSeconds(9));
        assertThat(expired).hasValue(0);
        time.advanceTimeBy(Duration.ofSeconds(1));
        assertThat(expired).hasValue(1);
    }

    @Test
    void shouldMoveTheExpiryWhenTheTokenIsRefreshed() {
        expiry.expireAt(NOW.plusSeconds(10));

        // when: protocol v2's refresh hands in a later token
        expiry.expireAt(NOW.plusSeconds(60));

        time.advanceTimeBy(Duration.ofSeconds(30));
        assertThat(expired).as("the first expiry no longer applies").hasValue(0);
        time.advanceTimeBy(Duration.ofSeconds(30));
        assertThat(expired).hasValue(1);
    }

    @Test
    void shouldNotExpireAConnectionThatEndedFirst() {
        expiry.expireAt(NOW.plusSeconds(10));

        expiry.cancel();
        expiry.expireAt(NOW.plusSeconds(20));
        time.advanceTimeBy(Duration.ofMinutes(1));

        assertThat(expired).hasValue(0);
    }

    @Test
    void shouldExpireAtOnceATokenAlreadyPastItsExpiry() {
        expiry.expireAt(NOW.minusSeconds(1));

        time.advanceTime();

        assertThat(expired).hasValue(1);
    }
}
