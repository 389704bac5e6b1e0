package io.restlive.e2e.client;

import static org.awaitility.Awaitility.await;

import io.restlive.cli.stack.LocalStack;
import io.restlive.cli.stack.StackProcess;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * An edge of a stack stopped (SIGTERM, as a rolling deploy does) and started again on the same port, with the
 * settings {@link LocalStack} gives its edges. LocalStack can start a processor or the app again but not an
 * edge, so this starts the edge's jar itself; the environment below mirrors LocalStack's {@code edgeEnv} and
 * belongs there, as {@code startEdge(n)}, once cli/ has it.
 */
final class RestartedEdge implements AutoCloseable {

    private static final Duration READY_TIMEOUT = Duration.ofMinutes(2);

    private final Process process;

    private RestartedEdge(Process process) {
        this.process = process;
    }

    /** Stops edge {@code edge} (1-based) of {@code stack}, waits until it is gone, then starts it again. */
    static RestartedEdge restart(LocalStack stack, int edge) throws IOException, InterruptedException {
        StackProcess running = stack.processes().stream().filter(p -> p.name().equals("edge-" + edge))
                .findFirst().orElseThrow();
        ProcessHandle handle = ProcessHandle.of(running.pid()).orElseThrow();
        handle.destroy();
        try {
            running.onExit().get(30, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            handle.destroyForcibly();
            running.onExit().join();
        }
        int port = stack.ports().edgePorts().get(edge - 1);
        Path log = stack.stateDir().resolve("logs").resolve("edge-" + edge + "-restarted.log");
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-Xmx512m", "-jar", NodeCommands.PROJECT.resolve("ws-edge/target/rest-live-ws-edge.jar").toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(Map.of(
                "REST_LIVE_BOOTSTRAP_SERVERS", stack.bootstrapServers(),
                "REST_LIVE_TOPIC_PREFIX", stack.topicPrefix(),
                "SERVER_PORT", String.valueOf(port),
                "SERVER_ADDRESS", "127.0.0.1",
                "REST_LIVE_VIEWS", stack.viewsFile().toString(),
                "REST_LIVE_PROCESSOR_URL", String.join(",", stack.processorUrls().stream().map(URI::toString).toList()),
                "REST_LIVE_EDGE_ID", "edge-" + edge,
                "REST_LIVE_JWT_SECRET", stack.jwtSecret(),
                LocalStack.INTERNAL_SECRET_ENV, stack.internalSecret()));
        RestartedEdge restarted = new RestartedEdge(builder.start());
        restarted.awaitReady(port, log);
        return restarted;
    }

    private void awaitReady(int port, Path log) {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest readiness;
        try {
            readiness = HttpRequest.newBuilder(new URI("http://127.0.0.1:" + port + "/actuator/health/readiness"))
                    .timeout(Duration.ofSeconds(5)).build();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        await("the restarted edge to be ready (log " + log + ")").atMost(READY_TIMEOUT).pollInterval(Duration.ofMillis(500))
                .ignoreExceptionsInstanceOf(IOException.class)
                .until(() -> {
                    if (!process.isAlive()) {
                        throw new AssertionError("the restarted edge exited; see " + log);
                    }
                    return http.send(readiness, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
                });
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
