package io.restlive.e2e.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.restlive.cli.stack.LocalStack;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * examples/node-backend (Node.js, kafkajs) as a process beside a stack: its REST API publishes every change
 * as a JSON envelope. {@code npm ci} runs first when kafkajs is not installed (from the npm registry, pinned by
 * package-lock.json).
 */
public final class NodeBackend implements AutoCloseable {

    private final Process process;
    private final Path log;
    private final TodolistApi api;

    private NodeBackend(Process process, Path log, TodolistApi api) {
        this.process = process;
        this.log = log;
        this.api = api;
    }

    /**
     * Starts the backend against a stack and waits until it answers.
     *
     * @param env extra environment ({@code FIRST_ID}, {@code KAFKA_PARTITIONER}, ...)
     */
    public static NodeBackend start(LocalStack stack, Map<String, String> env) throws IOException, InterruptedException {
        Path dir = Path.of("..", "examples", "node-backend").toAbsolutePath().normalize();
        if (!Files.isDirectory(dir.resolve("node_modules").resolve("kafkajs"))) {
            run(dir, List.of("npm", "ci", "--no-audit", "--no-fund"), "npm ci");
        }
        int port = freePort();
        Path log = Path.of("target", "e2e", "node-backend-" + port + ".log").toAbsolutePath();
        Files.createDirectories(log.getParent());
        ProcessBuilder builder = new ProcessBuilder("node", "server.js").directory(dir.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("PORT", String.valueOf(port));
        builder.environment().put("REST_LIVE_BOOTSTRAP_SERVERS", stack.bootstrapServers());
        builder.environment().put("REST_LIVE_TOPIC_PREFIX", stack.topicPrefix());
        builder.environment().putAll(env);
        Process process = builder.start();
        TodolistApi api = new TodolistApi(URI.create("http://127.0.0.1:" + port));
        await("the node backend to listen (log: " + log + ")").atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(250)).ignoreExceptions()
                .until(() -> {
                    assertThat(process.isAlive()).as("node is running; its log:\n" + Files.readString(log)).isTrue();
                    return api.get("/api/tasks/").status() == 200;
                });
        return new NodeBackend(process, log, api);
    }

    /** Its REST API. */
    public TodolistApi api() {
        return api;
    }

    /** Where it logs. */
    public Path log() {
        return log;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
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
