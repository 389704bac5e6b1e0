package io.restlive.cli.stack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * One process the stack started: its name ({@code broker}, {@code processor}, {@code edge-1}, ...), the
 * OS process and the file its output goes to.
 */
public final class StackProcess {

    private final String name;
    private final Process process;
    private final Path log;

    StackProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    /** The name the stack gave it, also the name of its log file. */
    public String name() {
        return name;
    }

    /** The file holding its stdout and stderr. */
    public Path log() {
        return log;
    }

    /** The OS process id. */
    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Its exit code; only meaningful once it has exited. */
    public int exitValue() {
        return process.exitValue();
    }

    /** Completes with this process when it exits. */
    public CompletableFuture<StackProcess> onExit() {
        return process.onExit().thenApply(p -> this);
    }

    /** Whether it exited because it was sent SIGINT or SIGTERM (a JVM then exits with 128 + the signal). */
    public boolean exitedOnSignal() {
        return !process.isAlive() && (process.exitValue() == 130 || process.exitValue() == 143);
    }

    Process process() {
        return process;
    }

    /** The last lines of its log, under a header naming the file; for error messages. */
    public String logTail(int lines) {
        List<String> all;
        try {
            // Bytes, not readAllLines: a log cut in the middle of a character must still be shown.
            all = Files.exists(log) ? new String(Files.readAllBytes(log), StandardCharsets.UTF_8).lines().toList() : List.of();
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e + ")";
        }
        List<String> tail = all.subList(Math.max(0, all.size() - lines), all.size());
        return "--- last " + tail.size() + " lines of " + log + " ---\n" + String.join("\n", tail);
    }

    @Override
    public String toString() {
        return name + " (pid " + process.pid() + ")";
    }
}
