package io.restlive.e2e.client;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Node.js commands the client tests run: installing a package's npm dependencies (only when its
 * node_modules does not match its lock file), building the client, and running node's test runner. Each
 * command's output goes to a log under {@code target/e2e/} and is returned, so that a failed test shows it.
 */
final class NodeCommands {

    /** The rest-live checkout. */
    static final Path PROJECT = projectDir();
    /** The TypeScript client's package. */
    static final Path CLIENT_JS = PROJECT.resolve("clients/js");
    /** The browser driver's package. */
    static final Path BROWSER_JS = PROJECT.resolve("e2e-tests/src/test/js");

    private NodeCommands() {
    }

    /** What a command printed, and how it ended. */
    record Result(int exitCode, String output, Path log) {
    }

    /** Runs {@code npm ci} in {@code dir} unless its node_modules already holds what its lock pins. */
    static void ensureDependencies(Path dir) {
        requireSuccess(run(dir, List.of("node", CLIENT_JS.resolve("scripts/ensure-deps.mjs").toString(), dir.toString()),
                Map.of(), Duration.ofMinutes(5), "npm-ci-" + dir.getFileName()));
    }

    /** Builds the client (dist/esm, dist/cjs) from its sources, so the tests never run a stale build. */
    static void buildClient() {
        ensureDependencies(CLIENT_JS);
        requireSuccess(run(CLIENT_JS, List.of("node", "scripts/build.mjs"), Map.of(), Duration.ofMinutes(3), "client-build"));
    }

    /** Runs {@code command} in {@code dir} with {@code env} added, for at most {@code timeout}. */
    static Result run(Path dir, List<String> command, Map<String, String> env, Duration timeout, String logName) {
        try {
            Path log = Path.of("target", "e2e", logName + ".log").toAbsolutePath();
            Files.createDirectories(log.getParent());
            ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            builder.environment().putAll(env);
            Process process = builder.start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                return new Result(-1, Files.readString(log) + "\n(killed after " + timeout + ")", log);
            }
            return new Result(process.exitValue(), Files.readString(log), log);
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + command + " in " + dir + " (node and npm must be on PATH)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted running " + command, e);
        }
    }

    private static void requireSuccess(Result result) {
        if (result.exitCode() != 0) {
            throw new AssertionError("failed (exit " + result.exitCode() + ", log " + result.log() + "):\n" + result.output());
        }
    }

    private static Path projectDir() {
        String configured = System.getProperty("rest-live.project-dir");
        Path dir = configured != null ? Path.of(configured) : Path.of("").toAbsolutePath().getParent();
        return dir.toAbsolutePath().normalize();
    }
}
