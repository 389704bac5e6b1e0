package io.restlive.e2e.example;

import static org.assertj.core.api.Assertions.assertThat;

import io.restlive.core.json.Json;
import io.restlive.e2e.support.NodeBackend;
import io.restlive.e2e.support.StackExtension;
import io.restlive.e2e.support.TodolistApi;
import io.restlive.e2e.support.WsClient;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A backend in another language: examples/node-backend (Node.js, kafkajs) publishes JSON envelopes, and its
 * changes reach a WebSocket subscriber exactly as the Java app's do.
 */
class NodeBackendIT {

    @RegisterExtension
    static final StackExtension STACK = StackExtension.withEdges(1);

    private static NodeBackend backend;
    private static TodolistApi api;

    @BeforeAll
    static void startTheNodeBackend() throws Exception {
        backend = NodeBackend.start(STACK.stack(), Map.of());
        api = backend.api();
    }

    @AfterAll
    static void stopTheNodeBackend() throws InterruptedException {
        if (backend != null) {
            backend.close();
        }
    }

    @Test
    void shouldBroadcastWhatTheNodeBackendPublishes() {
        try (WsClient client = LiveTasks.subscribe(STACK, api, 7)) {
            // when
            long id = api.create("/api/tasks/", "{\"text\":\"from node\",\"list\":7}").get("id").asLong();

            // then
            client.awaitFrame(broadcast("CREATED", "{\"id\":" + id + ",\"text\":\"from node\",\"done\":false}"));

            // when
            api.patch("/api/tasks/" + id + "/", "{\"done\":true}");

            // then
            client.awaitFrame(broadcast("UPDATED", "{\"id\":" + id + ",\"text\":\"from node\",\"done\":true}"));

            // when: the task moves to another list, then is deleted
            api.patch("/api/tasks/" + id + "/", "{\"list\":8}");

            // then: it left the view
            client.awaitFrame(broadcast("DELETED", "{\"pk\":" + id + ",\"id\":" + id + "}"));
        }
    }

    @Test
    void shouldRejectBadInputWithoutPublishing() {
        TodolistApi.Answer answer = api.post("/api/tasks/", "{\"text\":\"\",\"list\":7}");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body()).isEqualTo(Json.parse("{\"text\":[\"This field may not be blank.\"]}"));
        assertThat(api.post("/api/tasks/", "{not json").status()).isEqualTo(400);
    }

    private static String broadcast(String action, String instance) {
        return "{\"type\":\"broadcast\",\"id\":1,\"model\":\"todolist.Task\",\"action\":\"" + action
                + "\",\"instance\":" + instance + "}";
    }
}
