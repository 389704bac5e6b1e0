package io.restlive.e2e.example;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.restlive.cli.stack.StackProcess;
import io.restlive.core.json.Json;
import io.restlive.e2e.support.StackExtension;
import io.restlive.e2e.support.TodolistApi;
import io.restlive.e2e.support.WsClient;
import io.restlive.testing.PostgresDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/**
 * The crash the outbox exists for: the todolist app, in outbox mode on PostgreSQL, commits changes and is
 * killed with SIGKILL before its relay sent them. Started again, it delivers every committed change once per
 * version, none that rolled back, and a row sent twice (a crash after the send, before the delete) is
 * dropped by its version.
 */
class OutboxCrashIT {

    // Created before the stack starts (the app connects to it at start-up) and dropped after it stops.
    @RegisterExtension
    @Order(1)
    static final PostgresDatabase DATABASE = PostgresDatabase.perTestClass("outbox_e2e");

    @RegisterExtension
    @Order(2)
    static final StackExtension STACK = StackExtension.withEdges(1, builder -> builder.withApp(true)
            .appEnv("SPRING_DATASOURCE_URL", DATABASE.url())
            .appEnv("SPRING_DATASOURCE_USERNAME", PostgresDatabase.USER)
            .appEnv("REST_LIVE_MODE", "outbox")
            // Committed rows wait in the table: the kill comes before any send.
            .appEnv("REST_LIVE_OUTBOX_RELAY_START_DELAY", "1h"));

    @Test
    void shouldDeliverEveryCommittedChangeOnceAfterTheAppWasKilledBeforeSending() throws Exception {
        TodolistApi api = new TodolistApi(STACK.stack().appUrl());
        long list = api.create("/api/lists/", "{\"name\":\"crash\"}").get("id").asLong();
        try (WsClient client = liveOnList(list)) {
            // given: committed changes, and one rolled back, all waiting for the relay
            long first = api.create("/api/tasks/", "{\"text\":\"first\",\"list\":" + list + "}").get("id").asLong();
            long second = api.create("/api/tasks/", "{\"text\":\"second\",\"list\":" + list + "}").get("id").asLong();
            api.patch("/api/tasks/" + first + "/", "{\"done\":true}");
            api.post("/api/tasks/rollback-demo/", "{\"id\":" + second + ",\"text\":\"rolled back\"}");
            assertThat(outboxRows()).as("rows of the list, two creates and one update").isEqualTo(4);
            OutboxCopy firstCreate = oldestRowOf(first);

            // when: the app dies without a chance to send, and starts again
            StackProcess killed = app();
            ProcessHandle.of(killed.pid()).orElseThrow().destroyForcibly();
            killed.onExit().get(60, TimeUnit.SECONDS);
            STACK.stack().startApp(Map.of("REST_LIVE_OUTBOX_RELAY_START_DELAY", "0s"));

            // then: every committed change arrives, and the table empties
            client.awaitFrame(task("UPDATED", first, "first", true)::equals);
            client.awaitFrame(task("CREATED", second, "second", false)::equals);
            await("the outbox to empty").atMost(WsClient.FRAME_TIMEOUT).until(() -> outboxRows() == 0);
            assertThat(framesOf(client, first)).containsExactly(
                    task("CREATED", first, "first", false), task("UPDATED", first, "first", true));

            // when: a row is sent a second time, as after a crash between the send and the delete,
            // followed by a new change of the same task
            firstCreate.insertAgain();
            api.patch("/api/tasks/" + first + "/", "{\"text\":\"after the resend\"}");

            // then: the repeated version is dropped; the new one arrives
            client.awaitFrame(task("UPDATED", first, "after the resend", true)::equals);
            assertThat(framesOf(client, first)).containsExactly(task("CREATED", first, "first", false),
                    task("UPDATED", first, "first", true), task("UPDATED", first, "after the resend", true));
            assertThat(client.frames()).noneMatch(frame -> frame.path("instance").path("text").asString().equals("rolled back"));
        }
    }

    /**
     * Subscribes to the tasks of {@code list} and makes the subscription live with a task published straight to
     * the changes topic: the app's own changes wait for the relay in this test.
     */
    private static WsClient liveOnList(long list) {
        WsClient client = STACK.connect(1);
        client.send("{\"type\":\"subscribe\",\"id\":1,\"model\":\"todolist.Task\",\"action\":\"list\","
                + "\"view_kwargs\":{\"list\":" + list + "}}");
        long warmUp = 1_000_000_000L;
        await("the subscription to go live").atMost(WsClient.FRAME_TIMEOUT).pollInterval(Duration.ofMillis(500))
                .until(() -> {
                    STACK.changes().upsert("todolist.Task", warmUp,
                            "{\"id\":" + warmUp + ",\"text\":\"warm-up\",\"done\":false,\"list\":" + list + "}");
                    return !client.frames().isEmpty();
                });
        STACK.changes().delete("todolist.Task", warmUp);
        client.awaitFrame(frame -> "DELETED".equals(frame.path("action").asString()));
        client.clear();
        return client;
    }

    private static StackProcess app() {
        return STACK.stack().processes().stream().filter(p -> p.name().equals("app")).findFirst().orElseThrow();
    }

    private static List<JsonNode> framesOf(WsClient client, long task) {
        return client.frames().stream().filter(frame -> frame.path("instance").path("id").asLong() == task).toList();
    }

    private static JsonNode task(String action, long id, String text, boolean done) {
        return Json.parse("{\"type\":\"broadcast\",\"id\":1,\"model\":\"todolist.Task\",\"action\":\""
                + action + "\",\"instance\":{\"id\":" + id + ",\"text\":\"" + text + "\",\"done\":" + done + "}}");
    }

    private static long outboxRows() throws SQLException {
        try (Connection connection = DATABASE.connect();
             ResultSet count = connection.createStatement().executeQuery("SELECT COUNT(*) FROM rest_live_outbox")) {
            count.next();
            return count.getLong(1);
        }
    }

    /** The columns of one outbox row, to write it again. */
    private record OutboxCopy(String entityKey, String model, String pk, String op, String instance, long version) {

        void insertAgain() throws SQLException {
            try (Connection connection = DATABASE.connect();
                 PreparedStatement insert = connection.prepareStatement("INSERT INTO rest_live_outbox"
                         + " (entity_key, model, pk, op, instance, version, created_at) VALUES (?, ?, ?, ?, ?, ?, now())")) {
                insert.setString(1, entityKey);
                insert.setString(2, model);
                insert.setString(3, pk);
                insert.setString(4, op);
                insert.setString(5, instance);
                insert.setLong(6, version);
                insert.executeUpdate();
            }
        }
    }

    private static OutboxCopy oldestRowOf(long task) throws SQLException {
        try (Connection connection = DATABASE.connect();
             PreparedStatement select = connection.prepareStatement("SELECT entity_key, model, pk, op, instance, version"
                     + " FROM rest_live_outbox WHERE model = 'todolist.Task' AND pk = ? ORDER BY id LIMIT 1")) {
            select.setString(1, String.valueOf(task));
            try (ResultSet row = select.executeQuery()) {
                assertThat(row.next()).as("an outbox row of task " + task).isTrue();
                return new OutboxCopy(row.getString(1), row.getString(2), row.getString(3), row.getString(4),
                        row.getString(5), row.getLong(6));
            }
        }
    }
}
