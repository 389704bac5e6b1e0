package io.restlive.e2e.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One process started the way a container runs its entrypoint: a given command, working directory and
 * exactly the given environment (nothing inherited from the test JVM, as nothing leaks into a container),
 * output to a log file.
 */
final class LocalProcess implements AutoCloseable {

    private final String name;
    private final Process process;
    private final Path log;

    private LocalProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    /** The java binary of this JVM: every process runs on the same Java, standing in for the image's. */
    static String java() {
        return ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    static LocalProcess start(String name, List<String> command, Path workDir, Map<String, String> env, Path logDir) {
        Path log = logDir.resolve(name + ".log");
        try {
            Files.createDirectories(logDir);
            Files.createDirectories(workDir);
            ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile())
                    .redirectErrorStream(true).redirectOutput(log.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
            builder.environment().clear();
            builder.environment().putAll(env);
            return new LocalProcess(name, builder.start(), log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name + ": " + command, e);
        }
    }

    String name() {
        return name;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Its whole log so far. */
    String log() {
        try {
            return Files.exists(log) ? new String(Files.readAllBytes(log), StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e + ")";
        }
    }

    /** The last lines of its log, under a header, for a failure report. */
    String logTail(int lines) {
        List<String> all = log().lines().toList();
        return "--- " + name + (process.isAlive() ? "" : " (exited " + process.exitValue() + ")") + ", last lines of "
                + log + " ---\n" + String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }

    /** SIGTERM, as a container runtime stops a container, then SIGKILL after 20 seconds. */
    @Override
    public void close() {
        stopAll(List.of(this));
    }

    /** Stops them all at once: SIGTERM to each, then SIGKILL to any still running after 20 seconds. */
    static void stopAll(List<LocalProcess> processes) {
        processes.forEach(p -> p.process.destroy());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        for (LocalProcess p : processes) {
            try {
                if (!p.process.waitFor(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                    p.process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                p.process.destroyForcibly();
            }
        }
    }
}
