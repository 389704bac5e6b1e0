package io.restlive.e2e.operations;

import static org.assertj.core.api.Assertions.assertThat;

import io.restlive.e2e.support.Changes;
import io.restlive.e2e.support.StackExtension;
import io.restlive.e2e.support.WsClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Clients the edge disconnects to protect everyone else: one that stops reading its frames (close 1008
 * once more than the send-buffer limit waits for it, while a reading client on the same edge gets every
 * frame), and one that sends a frame larger than 64 KB (close 1002).
 */
class SlowAndOversizedClientsIT {

    private static final int SEND_BUFFER_LIMIT = 65_536;

    @RegisterExtension
    static final StackExtension STACK = StackExtension.withEdges(1, builder -> builder
            .edgeEnv("REST_LIVE_SEND_BUFFER_LIMIT", Integer.toString(SEND_BUFFER_LIMIT))
            .edgeEnv("REST_LIVE_SEND_TIME_LIMIT", "10m"));

    private static final String TASK = "todolist.Task";
    private static final String SUBSCRIBE = "{\"type\":\"subscribe\",\"id\":1,\"model\":\"todolist.Task\","
            + "\"action\":\"list\",\"view_kwargs\":{\"list\":9}}";
    /** Enough frames to fill the loopback socket buffers (a few MB) and then the edge's limit. */
    private static final int CHANGES = 600;
    private static final String LONG_TEXT = "x".repeat(16_000);

    @Test
    void shouldDisconnectAClientThatStopsReadingAndKeepServingTheOthers() {
        Changes changes = STACK.changes();
        try (WsClient slow = STACK.connect(1); WsClient reader = STACK.connect(1)) {
            slow.subscribeUntilLive(SUBSCRIBE, () -> changes.upsert(TASK, 900, task(900, "warm")));
            reader.subscribeUntilLive(SUBSCRIBE, () -> changes.upsert(TASK, 900, task(900, "warm")));

            // when: one client stops reading while many large changes are broadcast
            slow.stopReading();
            for (int i = 0; i < CHANGES; i++) {
                changes.upsert(TASK, 1000 + i, task(1000 + i, i + " " + LONG_TEXT));
            }

            // then: the reading client gets every frame
            reader.awaitFrame(f -> f.get("instance").get("id").asLong() == 1000 + CHANGES - 1);
            assertThat(reader.frames()).filteredOn(f -> f.get("instance").get("id").asLong() >= 1000)
                    .hasSize(CHANGES);

            // and the slow one, once it reads again, finds that the edge closed it
            slow.resumeReading();
            assertThat(slow.awaitClose())
                    .isEqualTo(new WsClient.CloseStatus(1008, "client too slow to read its frames"));
        }
    }

    @Test
    void shouldCloseAConnectionThatSendsAFrameLargerThan64KbWithAProtocolError() {
        try (WsClient client = STACK.connect(1)) {
            client.send("{\"type\":\"subscribe\",\"id\":\"" + "y".repeat(70_000) + "\"}");

            // Netty's frame decoder answers a frame over its limit with 1002 (protocol error), not 1009.
            assertThat(client.awaitClose())
                    .isEqualTo(new WsClient.CloseStatus(1002, "Protocol error"));
        }
    }

    private static String task(long id, String text) {
        return "{\"id\":" + id + ",\"text\":\"" + text + "\",\"done\":false,\"list\":9}";
    }
}
