package io.restlive.e2e.example;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.restlive.e2e.support.StackExtension;
import io.restlive.e2e.support.TodolistApi;
import io.restlive.e2e.support.WsClient;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/** A client subscribed (as id 1) to the tasks of one list, once its subscription is live. */
final class LiveTasks {

    private LiveTasks() {
    }

    /**
     * Subscribes to the tasks of {@code list}, then changes a warm-up task of that list through the API until
     * its broadcast arrives: the protocol acknowledges no subscribe, and a group goes live asynchronously.
     * Returns with the frames cleared.
     */
    static WsClient subscribe(StackExtension stack, TodolistApi api, long list) {
        long warmUp = api.create("/api/tasks/", "{\"text\":\"warm-up\",\"list\":" + list + "}").get("id").asLong();
        WsClient client = stack.connect(1);
        client.send("{\"type\":\"subscribe\",\"id\":1,\"model\":\"todolist.Task\",\"action\":\"list\","
                + "\"view_kwargs\":{\"list\":" + list + "}}");
        AtomicInteger attempt = new AtomicInteger();
        await("the subscription to go live").atMost(WsClient.FRAME_TIMEOUT).pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> {
                    api.patch("/api/tasks/" + warmUp + "/", "{\"text\":\"warm-up " + attempt.incrementAndGet() + "\"}");
                    assertThat(client.frames()).as("frames received")
                            .anySatisfy(frame -> assertThat(frame.path("type").asString()).isEqualTo("broadcast"));
                });
        // Later warm-up broadcasts may still be in flight; the tests match frames of their own tasks only,
        // except the ones that wait for silence, which the last warm-up change precedes (same entity, in order).
        api.delete("/api/tasks/" + warmUp + "/");
        client.awaitFrame(frame -> "DELETED".equals(frame.path("action").asString())
                && frame.path("instance").path("id").asLong() == warmUp);
        client.clear();
        return client;
    }
}
