package io.restlive.bench.abuse;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AbuserTallyTest {

    @Test
    void shouldCountWhatWasNotRefusedAsUnrefused() {
        // given
        AbuserTally tally = new AbuserTally();
        for (int i = 0; i < 10; i++) {
            tally.sent();
        }

        // when
        tally.errorFrame(429);
        tally.errorFrame(429);
        tally.errorFrame(400);
        tally.handshakeRefused(429);
        tally.handshakeRefused(0);

        // then
        assertThat(tally.asMetrics()).containsExactly(
                java.util.Map.entry("abuser_sent", 10.0),
                java.util.Map.entry("abuser_unrefused", 5.0),
                java.util.Map.entry("abuser_error_400", 1.0),
                java.util.Map.entry("abuser_error_429", 2.0),
                java.util.Map.entry("abuser_handshake_failed", 1.0),
                java.util.Map.entry("abuser_http_429", 1.0));
        assertThat(tally.refused("abuser_error_429")).isEqualTo(2);
        assertThat(tally.refused("abuser_error_404")).isZero();
    }

    @Test
    void shouldKeepTheAnswersToUnsubscribesApartFromTheRefusedSubscribes() {
        // given: four subscribes, each followed by its unsubscribe; three subscribes refused
        AbuserTally tally = new AbuserTally(404);
        for (int i = 0; i < 4; i++) {
            tally.sent();
        }

        // when
        for (int i = 0; i < 3; i++) {
            tally.errorFrame(429);
            tally.errorFrame(404);
        }

        // then
        assertThat(tally.asMetrics()).containsEntry("abuser_unrefused", 1.0)
                .containsEntry("abuser_error_429", 3.0)
                .containsEntry("abuser_unsubscribe_error_404", 3.0);
    }

    @Test
    void shouldCountClosesReconnectsAndWhatCouldNotBeSentApartFromWhatWasSent() {
        // given: two subscribes sent, then the edge closed the connection and one could not be sent
        AbuserTally tally = new AbuserTally();
        tally.sent();
        tally.sent();
        tally.closedByServer();
        tally.dropped();
        tally.reconnected();

        // then
        assertThat(tally.asMetrics()).containsEntry("abuser_sent", 2.0)
                .containsEntry("abuser_unrefused", 2.0)
                .containsEntry("abuser_closed_by_edge", 1.0)
                .containsEntry("abuser_dropped_while_closed", 1.0)
                .containsEntry("abuser_reconnects", 1.0);
    }

    @Test
    void shouldMakeOneTooLargeValueOfEachKindInTurn() {
        // when
        String lookupBy = OversizedValuesAbuse.frame(1, 0);
        String queryParams = OversizedValuesAbuse.frame(2, 1);
        String viewKwargs = OversizedValuesAbuse.frame(3, 2);

        // then: each above its default limit (1 KB, 4 KB, 4 KB) and under the 64 KB frame limit
        assertThat(lookupBy).contains("\"lookup_by\":\"777").hasSizeBetween(2_000, 65_536);
        assertThat(queryParams).contains("\"query_params\":{").hasSizeBetween(5_000, 65_536);
        assertThat(viewKwargs).contains("\"view_kwargs\":{\"group\":1,\"pad\"").hasSizeBetween(5_000, 65_536);
    }
}
