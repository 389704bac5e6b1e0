package io.restlive.bench;

import io.restlive.bench.report.ReportTable;
import java.nio.file.Path;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;

/**
 * {@code java -jar rest-live-benchmarks.jar [--flag value ...]}: runs every scenario against the real
 * processes, prints the table and writes JSON, text and a PNG chart into the results folder.
 * Exit status 0 when every scenario produced numbers, 1 otherwise, 2 for bad flags.
 */
public final class BenchmarkMain {

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");

    private BenchmarkMain() {
    }

    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true");
        if (args.length > 0 && args[0].equals("relay")) {
            // The fan-out scenario's relay baseline runs as a process of its own, from this jar.
            io.restlive.bench.relay.RelayMain.main(java.util.Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        if (args.length == 1 && (args[0].equals("--help") || args[0].equals("-h"))) {
            printUsage();
            return;
        }
        BenchmarkOptions options;
        try {
            options = OptionsParser.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("rest-live bench: " + e.getMessage());
            System.exit(2);
            return;
        }
        Benchmark.Outcome outcome = Benchmark.run(options, projectDir(),
                line -> System.out.println("[" + LocalTime.now().format(CLOCK) + "] " + line));
        System.out.println();
        System.out.print(ReportTable.render(outcome.report()));
        System.out.println("\nresults: " + outcome.runDir());
        boolean complete = outcome.report().scenarios().stream().allMatch(s -> s.hasNumbers());
        System.exit(complete ? 0 : 1);
    }

    /** The project root: {@code -Drest-live.project-dir}, else the working directory. */
    private static Path projectDir() {
        String configured = System.getProperty("rest-live.project-dir");
        return Path.of(configured != null ? configured : "").toAbsolutePath().normalize();
    }

    private static void printUsage() {
        System.out.println("usage: benchmarks/run.sh [--flag value ...]   (every flag is optional)\n");
        OptionsParser.FLAGS.forEach((flag, help) -> System.out.printf("  %-22s %s%n", flag, help));
    }
}
