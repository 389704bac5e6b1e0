package io.restlive.bench.stack;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The fan-out scenario's relay baseline ({@code io.restlive.bench.relay.RelayMain}) as a process of its own,
 * from the benchmarks jar, with the stack's JVM options, on the stack's broker and changes topic.
 */
public final class RelayProcess implements AutoCloseable {

    private static final Pattern LISTENING = Pattern.compile("relay listening on (\\d+)");

    private final Process process;
    private final int port;

    private RelayProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /**
     * Starts the relay of {@code model}'s list subscriptions filtered on {@code field}, and returns once it
     * listens.
     *
     * @throws IllegalStateException if it exits or does not listen within {@code timeout}, with its log's tail
     */
    public static RelayProcess start(BenchStack stack, Path logDir, String model, String field, Duration timeout) {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse(
                Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(stack.javaOptions());
        command.addAll(List.of("-jar", stack.projectDir().resolve("benchmarks/target/rest-live-benchmarks.jar").toString(),
                "relay", "--bootstrap", stack.bootstrapServers(), "--topic", stack.topics().changes(),
                "--model", model, "--field", field, "--port", "0"));
        Path log = logDir.resolve("relay.log");
        Process process;
        try {
            Files.createDirectories(logDir);
            process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the relay (" + String.join(" ", command) + ")", e);
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() - deadline < 0) {
            Matcher listening = LISTENING.matcher(ProcessLog.tail(log, 200));
            if (listening.find()) {
                return new RelayProcess(process, Integer.parseInt(listening.group(1)));
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("the relay exited with code " + process.exitValue() + "\n"
                        + ProcessLog.tail(log, 40));
            }
            LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
        }
        process.destroyForcibly();
        throw new IllegalStateException("the relay did not listen within " + timeout.toSeconds() + " s\n"
                + ProcessLog.tail(log, 40));
    }

    /** Its WebSocket endpoint, at the path of the benchmark's views. */
    public URI subscribeUrl() {
        return URI.create("ws://127.0.0.1:" + port + BenchViews.PATH);
    }

    public long pid() {
        return process.pid();
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
