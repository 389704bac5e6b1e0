package io.restlive.edge.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.restlive.edge.protocol.Outbound;
import io.restlive.edge.web.SendQueue.Offer;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class SendQueueTest {

    @Test
    void shouldHandFramesOverInTheOrderTheyWereOffered() {
        SendQueue sendQueue = new SendQueue(1_000, Duration.ofSeconds(10));

        assertThat(List.of(sendQueue.offer(Outbound.text("a")), sendQueue.offer(Outbound.text("b")), sendQueue.offer(Outbound.text("c")))).containsOnly(Offer.QUEUED);
        sendQueue.complete();

        assertThat(sendQueue.frames().map(Outbound::text).collectList().block(Duration.ofSeconds(5))).containsExactly("a", "b", "c");
    }

    @Test
    void shouldCallAClientTooSlowWhenWaitingFramesPassTheByteLimit() {
        SendQueue sendQueue = new SendQueue(10, Duration.ofSeconds(10));

        assertThat(sendQueue.offer(Outbound.text("12345678"))).isEqualTo(Offer.QUEUED);
        assertThat(sendQueue.offer(Outbound.text("12345"))).isEqualTo(Offer.TOO_SLOW);
    }

    @Test
    void shouldAcceptAFrameLargerThanTheLimitWhenNothingWaits() {
        // A single big frame is not a slow client; only frames piling up are.
        SendQueue sendQueue = new SendQueue(10, Duration.ofSeconds(10));

        assertThat(sendQueue.offer(Outbound.text("a frame longer than ten characters"))).isEqualTo(Offer.QUEUED);
    }

    @Test
    void shouldCallAClientTooSlowWhenItTookNothingForTheTimeLimit() {
        SendQueue sendQueue = new SendQueue(1_000, Duration.ZERO);

        assertThat(sendQueue.offer(Outbound.text("first"))).isEqualTo(Offer.QUEUED);
        assertThat(sendQueue.offer(Outbound.text("second"))).isEqualTo(Offer.TOO_SLOW);
    }

    @Test
    void shouldCountTakenFramesAsNoLongerWaiting() {
        SendQueue sendQueue = new SendQueue(10, Duration.ofSeconds(10));
        sendQueue.frames().subscribe();

        assertThat(sendQueue.offer(Outbound.text("12345678"))).isEqualTo(Offer.QUEUED);
        assertThat(sendQueue.offer(Outbound.text("12345678"))).isEqualTo(Offer.QUEUED);
    }

    @Test
    void shouldRefuseFramesOnceClosed() {
        SendQueue sendQueue = new SendQueue(1_000, Duration.ofSeconds(10));
        sendQueue.frames().subscribe();
        sendQueue.complete();

        assertThat(sendQueue.offer(Outbound.text("late"))).isEqualTo(Offer.CLOSED);
    }
}
