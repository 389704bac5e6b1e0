package io.restlive.edge.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.restlive.edge.web.Outbox.Offer;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class OutboxTest {

    @Test
    void shouldHandFramesOverInTheOrderTheyWereOffered() {
        Outbox outbox = new Outbox(1_000, Duration.ofSeconds(10));

        assertThat(List.of(outbox.offer("a"), outbox.offer("b"), outbox.offer("c"))).containsOnly(Offer.QUEUED);
        outbox.complete();

        assertThat(outbox.frames().collectList().block(Duration.ofSeconds(5))).containsExactly("a", "b", "c");
    }

    @Test
    void shouldCallAClientTooSlowWhenWaitingFramesPassTheByteLimit() {
        Outbox outbox = new Outbox(10, Duration.ofSeconds(10));

        assertThat(outbox.offer("12345678")).isEqualTo(Offer.QUEUED);
        assertThat(outbox.offer("12345")).isEqualTo(Offer.TOO_SLOW);
    }

    @Test
    void shouldAcceptAFrameLargerThanTheLimitWhenNothingWaits() {
        // A single big frame is not a slow client; only frames piling up are.
        Outbox outbox = new Outbox(10, Duration.ofSeconds(10));

        assertThat(outbox.offer("a frame longer than ten characters")).isEqualTo(Offer.QUEUED);
    }

    @Test
    void shouldCallAClientTooSlowWhenItTookNothingForTheTimeLimit() {
        Outbox outbox = new Outbox(1_000, Duration.ZERO);

        assertThat(outbox.offer("first")).isEqualTo(Offer.QUEUED);
        assertThat(outbox.offer("second")).isEqualTo(Offer.TOO_SLOW);
    }

    @Test
    void shouldCountTakenFramesAsNoLongerWaiting() {
        Outbox outbox = new Outbox(10, Duration.ofSeconds(10));
        outbox.frames().subscribe();

        assertThat(outbox.offer("12345678")).isEqualTo(Offer.QUEUED);
        assertThat(outbox.offer("12345678")).isEqualTo(Offer.QUEUED);
    }

    @Test
    void shouldRefuseFramesOnceClosed() {
        Outbox outbox = new Outbox(1_000, Duration.ofSeconds(10));
        outbox.frames().subscribe();
        outbox.complete();

        assertThat(outbox.offer("late")).isEqualTo(Offer.CLOSED);
    }
}
