package io.restlive.e2e.example;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.restlive.core.json.Json;
import io.restlive.e2e.support.StackExtension;
import io.restlive.e2e.support.TodolistApi;
import io.restlive.e2e.support.WsClient;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
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

    private static Process backend;
    private static Path log;
    private static TodolistApi api;

    @BeforeAll
    static void startTheNodeBackend() throws Exception {
        Path dir = Path.of("..", "examples", "node-backend").toAbsolutePath().normalize();
        if (!Files.isDirectory(dir.resolve("node_modules").resolve("kafkajs"))) {
            // kafkajs comes from the npm registry, pinned by package-lock.json.
            run(dir, List.of("npm", "ci", "--no-audit", "--no-fund"), "npm ci");
        }
        int port = freePort();
        log = Path.of("target", "e2e", "node-backend-" + port + ".log").toAbsolutePath();
        Files.createDirectories(log.getParent());
        ProcessBuilder builder = new ProcessBuilder("node", "server.js").directory(dir.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("PORT", String.valueOf(port));
        builder.environment().put("REST_LIVE_BOOTSTRAP_SERVERS", STACK.stack().bootstrapServers());
        builder.environment().put("REST_LIVE_TOPIC_PREFIX", STACK.stack().topicPrefix());
        backend = builder.start();
        api = new TodolistApi(URI.create("http://127.0.0.1:" + port));
        await("the node backend to listen (log: " + log + ")").atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(250)).ignoreExceptions()
                .until(() -> {
                    assertThat(backend.isAlive()).as("node is running; its log:\n" + Files.readString(log)).isTrue();
                    return api.get("/api/tasks/").status() == 200;
                });
    }

    @AfterAll
    static void stopTheNodeBackend() throws InterruptedException {
        if (backend != null) {
            backend.destroy();
            if (!backend.waitFor(10, TimeUnit.SECONDS)) {
                backend.destroyForcibly();
            }
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

    private static void run(Path dir, List<String> command, String what) throws IOException, InterruptedException {
        Path output = Files.createTempFile("rest-live-npm", ".log");
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(output.toFile()).start();
        if (!process.waitFor(5, TimeUnit.MINUTES) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new AssertionError(what + " in " + dir + " failed:\n" + Files.readString(output));
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
