package io.restlive.cli.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Starts {@code java <options> -jar <jar> <args>} with the Java that runs this JVM, output to a log file. */
final class ProcessLauncher {

    private final List<String> javaOptions;
    private final Path logDir;

    ProcessLauncher(List<String> javaOptions, Path logDir) {
        this.javaOptions = javaOptions;
        this.logDir = logDir;
    }

    /** The java binary of this JVM, so that every process of the stack runs on the same Java. */
    static String javaBinary() {
        return ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    /**
     * Starts a process whose stdout and stderr go to {@code <logDir>/<name>.log}, replaced at each start.
     *
     * @param env variables added to (or overriding) this JVM's environment
     */
    StackProcess launch(String name, Path jar, List<String> args, Map<String, String> env) {
        List<String> command = new ArrayList<>();
        command.add(javaBinary());
        command.addAll(javaOptions);
        command.add("-jar");
        command.add(jar.toString());
        command.addAll(args);
        Path log = logDir.resolve(name + ".log");
        try {
            Files.createDirectories(logDir);
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(nullDevice()));
            builder.environment().putAll(env);
            return new StackProcess(name, builder.start(), log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name + " (" + String.join(" ", command) + ")", e);
        }
    }

    // A child never reads the terminal: Ctrl-C and typed input belong to the run command.
    private static java.io.File nullDevice() {
        return new java.io.File(System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");
    }
}
