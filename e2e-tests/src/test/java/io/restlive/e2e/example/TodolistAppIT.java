package io.restlive.e2e.example;

import static org.assertj.core.api.Assertions.assertThat;

import io.restlive.core.json.Json;
import io.restlive.e2e.support.StackExtension;
import io.restlive.e2e.support.TodolistApi;
import io.restlive.e2e.support.TodolistApi.Answer;
import io.restlive.e2e.support.WsClient;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/**
 * The todolist example app beside the engine, as {@code ./rest-live run} starts it: a change made through its
 * REST API reaches a WebSocket subscriber after the commit, and a rolled-back one never does.
 */
class TodolistAppIT {

    @RegisterExtension
    static final StackExtension STACK = StackExtension.withEdges(1, builder -> builder.withApp(true));

    private static TodolistApi api;

    @BeforeAll
    static void connectToTheApp() {
        api = new TodolistApi(STACK.stack().appUrl());
    }

    @Test
    void shouldBroadcastWhatTheRestApiCreatesUpdatesAndDeletes() {
        long list = api.create("/api/lists/", "{\"name\":\"crud\"}").get("id").asLong();
        try (WsClient client = LiveTasks.subscribe(STACK, api, list)) {
            // when
            JsonNode created = api.create("/api/tasks/", "{\"text\":\"Buy milk\",\"list\":" + list + "}");
            long id = created.get("id").asLong();

            // then: the broadcast carries the view's fields of what the API answered
            assertThat(created).isEqualTo(Json.parse("{\"id\":" + id + ",\"text\":\"Buy milk\",\"done\":false,\"list\":" + list + "}"));
            client.awaitFrame(broadcast("CREATED", "{\"id\":" + id + ",\"text\":\"Buy milk\",\"done\":false}"));

            // when
            assertThat(api.patch("/api/tasks/" + id + "/", "{\"done\":true}").status()).isEqualTo(200);

            // then
            client.awaitFrame(broadcast("UPDATED", "{\"id\":" + id + ",\"text\":\"Buy milk\",\"done\":true}"));

            // when
            assertThat(api.delete("/api/tasks/" + id + "/").status()).isEqualTo(204);

            // then
            client.awaitFrame(broadcast("DELETED", "{\"pk\":" + id + ",\"id\":" + id + "}"));
        }
    }

    @Test
    void shouldBroadcastNothingOfARolledBackTransaction() {
        long list = api.create("/api/lists/", "{\"name\":\"rollback\"}").get("id").asLong();
        try (WsClient client = LiveTasks.subscribe(STACK, api, list)) {
            long task = api.create("/api/tasks/", "{\"text\":\"kept\",\"list\":" + list + "}").get("id").asLong();
            client.awaitFrame(frame -> frame.path("instance").path("id").asLong() == task);

            // when: an update and a create are written to the database, then rolled back
            Answer update = api.post("/api/tasks/rollback-demo/", "{\"id\":" + task + ",\"text\":\"rolled back\"}");
            Answer create = api.post("/api/tasks/rollback-demo/", "{\"text\":\"rolled back too\",\"list\":" + list + "}");
            assertThat(update.body().get("rolled_back").asBoolean()).isTrue();
            assertThat(create.body().get("rolled_back").asBoolean()).isTrue();
            assertThat(api.get("/api/tasks/" + task + "/").body().get("text").asString()).isEqualTo("kept");

            // and a committed change of the same task follows
            api.patch("/api/tasks/" + task + "/", "{\"text\":\"committed\"}");

            // then: changes of one entity arrive in order, so a broadcast of the rollback would be here by now
            client.awaitFrame(broadcast("UPDATED", "{\"id\":" + task + ",\"text\":\"committed\",\"done\":false}"));
            client.assertNoFrameWithin(Duration.ofSeconds(3));
            assertThat(client.frames()).noneMatch(frame -> frame.path("instance").path("text").asString().startsWith("rolled back"));
        }
    }

    @Test
    void shouldBroadcastEveryTaskABulkUpdateChanged() {
        long list = api.create("/api/lists/", "{\"name\":\"bulk\"}").get("id").asLong();
        long[] tasks = new long[3];
        for (int i = 0; i < tasks.length; i++) {
            tasks[i] = api.create("/api/tasks/", "{\"text\":\"open " + i + "\",\"list\":" + list + "}").get("id").asLong();
        }
        try (WsClient client = LiveTasks.subscribe(STACK, api, list)) {
            // when: one UPDATE ... WHERE marks every open task done
            assertThat(api.post("/api/lists/" + list + "/complete/", null).status()).isEqualTo(200);

            // then
            for (int i = 0; i < tasks.length; i++) {
                client.awaitFrame(broadcast("UPDATED", "{\"id\":" + tasks[i] + ",\"text\":\"open " + i + "\",\"done\":true}"));
            }
        }
    }

    @Test
    void shouldAnswerAsTheSeedsRestFrameworkAppDoes() {
        long list = api.create("/api/lists/", "{\"name\":\"shapes\"}").get("id").asLong();
        JsonNode task = api.create("/api/tasks/", "{\"text\":\"shape\",\"list\":" + list + "}");

        assertThat(api.get("/api/tasks/" + task.get("id").asLong() + "/").body()).isEqualTo(task);
        assertThat(api.get("/api/tasks/").body().valueStream()).contains(task);
        Answer missing = api.get("/api/tasks/999999/");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.body().has("detail")).isTrue();
        Answer invalid = api.post("/api/tasks/", "{\"text\":\"\"}");
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.body()).isEqualTo(Json.parse(
                "{\"text\":[\"This field may not be blank.\"],\"list\":[\"This field is required.\"]}"));
        assertThat(api.get("/api/lists/" + list + "/").body().get("tasks").valueStream().map(t -> t.get("id").asLong()))
                .containsExactly(task.get("id").asLong());
    }

    private static String broadcast(String action, String instance) {
        return "{\"type\":\"broadcast\",\"id\":1,\"model\":\"todolist.Task\",\"action\":\"" + action
                + "\",\"instance\":" + instance + "}";
    }
}
