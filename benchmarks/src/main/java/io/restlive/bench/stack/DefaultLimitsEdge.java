package io.restlive.bench.stack;

import io.restlive.cli.stack.LocalStack;
import io.restlive.cli.stack.StackJars;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * One more edge beside the stack's, started with the edge's default limits. The stack's own edges run with
 * every limit lifted, because the harness is one client opening thousands of connections from a few
 * addresses; a scenario that measures what the limits do needs an edge as deployed. It joins the same
 * cluster (topics, processor, secrets) under its own edge id and reads a broadcast slot of its own.
 */
public final class DefaultLimitsEdge implements AutoCloseable {

    /** The id it announces its groups under. */
    public static final String EDGE_ID = "edge-default-limits";

    private static final Duration POLL = Duration.ofMillis(250);

    private final Process process;
    private final Path log;
    private final int port;

    private DefaultLimitsEdge(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.port = port;
    }

    /**
     * Starts the edge and returns once it is ready (reads its broadcast slot).
     *
     * @throws IllegalStateException if it exits or is not ready within {@code timeout}, with its log's tail
     */
    static DefaultLimitsEdge start(LocalStack stack, Path projectDir, List<String> javaOptions, Duration timeout) {
        int port = freePort();
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse(
                Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(javaOptions);
        command.add("-jar");
        command.add(StackJars.in(projectDir).edge().toString());
        Path log = stack.stateDir().resolve("logs").resolve(EDGE_ID + ".log");
        try {
            Files.createDirectories(log.getParent());
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            // The same settings LocalStack gives its edges, minus the lifted limits.
            builder.environment().putAll(Map.of(
                    "REST_LIVE_BOOTSTRAP_SERVERS", stack.bootstrapServers(),
                    "REST_LIVE_TOPIC_PREFIX", stack.topicPrefix(),
                    "SERVER_PORT", String.valueOf(port),
                    "SERVER_ADDRESS", "127.0.0.1",
                    "REST_LIVE_VIEWS", stack.viewsFile().toString(),
                    "REST_LIVE_PROCESSOR_URL", String.join(",", stack.processorUrls().stream().map(URI::toString).toList()),
                    "REST_LIVE_EDGE_ID", EDGE_ID,
                    "REST_LIVE_JWT_SECRET", stack.jwtSecret(),
                    LocalStack.INTERNAL_SECRET_ENV, stack.internalSecret()));
            DefaultLimitsEdge edge = new DefaultLimitsEdge(builder.start(), log, port);
            edge.awaitReady(timeout);
            return edge;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + EDGE_ID + " (" + String.join(" ", command) + ")", e);
        }
    }

    /** The WebSocket endpoint of the benchmark's views. */
    public URI subscribeUrl() {
        return URI.create("ws://127.0.0.1:" + port + BenchViews.PATH);
    }

    /** The HTTP base URL, for its actuator. */
    public URI baseUrl() {
        return URI.create("http://127.0.0.1:" + port);
    }

    public long pid() {
        return process.pid();
    }

    private void awaitReady(Duration timeout) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest ready = HttpRequest.newBuilder(baseUrl().resolve("/actuator/health/readiness"))
                .timeout(Duration.ofSeconds(2)).GET().build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() - deadline < 0) {
            if (!process.isAlive()) {
                close();
                throw new IllegalStateException(EDGE_ID + " exited with code " + process.exitValue() + "\n" + logTail());
            }
            try {
                if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // Not listening yet.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            LockSupport.parkNanos(POLL.toNanos());
        }
        close();
        throw new IllegalStateException(EDGE_ID + " was not ready within " + timeout.toSeconds() + " s\n" + logTail());
    }

    private String logTail() {
        return ProcessLog.tail(log, 40);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port", e);
        }
    }

    /** Stops it with SIGTERM (it leaves its groups), killing it after ten seconds. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
