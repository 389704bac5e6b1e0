package io.restlive.bench.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import io.restlive.bench.ws.WsConnection;
import org.junit.jupiter.api.Test;

/** How the storm matches frames back to its subscriptions, by group value (v1) or by connection and id (v2). */
class StormProgressTest {

    @Test
    void shouldConfirmAV2SubscriptionByItsSubscribedAcknowledgementOnItsOwnConnection() {
        // given: 6 subscriptions over 3 connections: subscription 4 goes on connection 1 with id 2
        StormProgress progress = new StormProgress(6, 3);
        for (int s = 0; s < 6; s++) {
            progress.sending(s);
        }
        assertThat(progress.id(4)).isEqualTo(2);

        // when: connection 1 is told its id 2 is live, connection 2 its id 1
        progress.onFrame(WsConnection.unopened(1), "{\"type\":\"subscribed\",\"id\":2,\"position\":\"0:1:5\"}", System.nanoTime());
        progress.onFrame(WsConnection.unopened(2), "{\"type\":\"subscribed\",\"id\":1,\"position\":\"0:1:5\"}", System.nanoTime());
        progress.onFrame(WsConnection.unopened(2), "{\"type\":\"subscribed\",\"id\":1,\"position\":\"0:1:6\"}", System.nanoTime());

        // then: two subscriptions live (4 and 2), counted once each, none by broadcast
        assertThat(progress.confirmed()).isEqualTo(2);
        assertThat(progress.live().percentiles().count()).isEqualTo(2);
        assertThat(progress.firstBroadcast().percentiles().count()).isZero();
    }

    @Test
    void shouldConfirmAV1SubscriptionByTheFirstBroadcastOfItsGroup() {
        // given
        StormProgress progress = new StormProgress(2, 1);
        progress.sending(0);
        progress.sending(1);

        // when: a broadcast of subscription 1's group
        progress.onFrame(WsConnection.unopened(0), "{\"type\":\"broadcast\",\"id\":2,\"model\":\"bench.Storm\","
                + "\"action\":\"UPDATED\",\"instance\":{\"group\":" + progress.group(1) + "}}", System.nanoTime());

        // then
        assertThat(progress.confirmed()).isEqualTo(1);
        assertThat(progress.firstBroadcast().percentiles().count()).isEqualTo(1);
    }
}
