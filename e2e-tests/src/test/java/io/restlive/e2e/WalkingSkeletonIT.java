package io.restlive.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.restlive.e2e.support.Changes;
import io.restlive.e2e.support.StackExtension;
import io.restlive.e2e.support.WsClient;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/** The thinnest slice through every process: publish, subscribe, receive, unsubscribe, receive nothing. */
class WalkingSkeletonIT {

    @RegisterExtension
    static final StackExtension STACK = StackExtension.withEdges(1);

    private static final String TASK = "todolist.Task";
    private static final String SUBSCRIBE =
            "{\"type\":\"subscribe\",\"id\":1,\"model\":\"todolist.Task\",\"action\":\"retrieve\",\"lookup_by\":1}";

    @Test
    void shouldBroadcastUpdatesOfSubscribedTaskUntilUnsubscribed() {
        // given: task 1 exists and a client subscribes to it
        Changes changes = STACK.changes();
        changes.upsert(TASK, 1, task("Buy milk"));
        // A change the edge has not read yet when a subscribe arrives counts as after it (docs/protocol.md):
        // "exists" means the edge has read its creation, which a list subscriber on it receiving it shows.
        try (WsClient witness = STACK.connect(1)) {
            witness.subscribeUntilLive("{\"type\":\"subscribe\",\"id\":9,\"model\":\"todolist.Task\",\"action\":\"list\"}",
                    () -> changes.upsert(TASK, 1, task("Buy milk")));
        }
        try (WsClient client = STACK.connect(1)) {
            subscribeUntilLive(client, changes);

            // when
            changes.upsert(TASK, 1, task("Buy oat milk"));

            // then: changes of one entity arrive in order, so nothing from the warm-up is in flight after this
            client.awaitFrame("{\"type\":\"broadcast\",\"id\":1,\"model\":\"todolist.Task\",\"action\":\"UPDATED\","
                    + "\"instance\":{\"id\":1,\"text\":\"Buy oat milk\",\"done\":false}}");
            assertThat(client.frames()).as("every frame is an UPDATED broadcast of task 1").allSatisfy(frame -> {
                assertThat(frame.get("type").asString()).isEqualTo("broadcast");
                assertThat(frame.get("action").asString()).isEqualTo("UPDATED");
                assertThat(frame.get("instance").get("id").asInt()).isEqualTo(1);
            });

            // when: the client unsubscribes and the task changes again
            client.send("{\"type\":\"unsubscribe\",\"id\":1}");
            client.clear();
            changes.upsert(TASK, 1, task("Buy bread"));

            // then
            client.assertNoFrameWithin(Duration.ofSeconds(5));
        }
    }

    /**
     * Subscribes, then changes the task until a broadcast arrives: a subscription is silent and goes live
     * asynchronously. If the edge answers 404 because the processor had not stored task 1 yet when the
     * subscription looked it up, or 503 because the lookup timed out, it subscribes again.
     */
    private static void subscribeUntilLive(WsClient client, Changes changes) {
        client.send(SUBSCRIBE);
        AtomicInteger attempt = new AtomicInteger();
        await("the subscription to go live").atMost(WsClient.FRAME_TIMEOUT).pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> {
                    if (client.frames().stream().anyMatch(WalkingSkeletonIT::isNotFoundOrUnavailable)) {
                        client.clear();
                        client.send(SUBSCRIBE);
                    }
                    changes.upsert(TASK, 1, task("Buy milk, attempt " + attempt.incrementAndGet()));
                    assertThat(client.frames()).as("frames received")
                            .anySatisfy(frame -> assertThat(frame.get("type").asString()).isEqualTo("broadcast"));
                });
    }

    /** 404: task 1 not stored yet; 503: the processor did not answer the lookup in time (a cold, busy machine). */
    private static boolean isNotFoundOrUnavailable(JsonNode frame) {
        int code = frame.path("code").asInt();
        return "error".equals(frame.path("type").asString()) && (code == 404 || code == 503);
    }

    private static String task(String text) {
        return "{\"id\":1,\"text\":\"" + text + "\",\"done\":false,\"list\":1}";
    }
}
