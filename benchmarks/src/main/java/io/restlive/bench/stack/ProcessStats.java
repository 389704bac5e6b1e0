package io.restlive.bench.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** What the harness reads about a process of the stack from the operating system: CPU time, open-file limit. */
public final class ProcessStats {

    private ProcessStats() {
    }

    /**
     * CPU time (user and system) the process has used so far, in nanoseconds: the sum of its threads'
     * {@code /proc/<pid>/task/<tid>/schedstat}, which the scheduler keeps to the nanosecond, where the
     * process totals of {@code /proc/<pid>/stat} move in 10 ms ticks. Threads that already exited are not
     * counted, so only differences over a window in which threads persist are meaningful. Falls back to
     * {@link ProcessHandle} (ticks) where schedstat is not readable.
     *
     * @throws IllegalStateException if the process is gone or the platform does not report it
     */
    public static long cpuNanos(long pid) {
        Path tasks = Path.of("/proc/" + pid + "/task");
        if (Files.isDirectory(tasks)) {
            try (var threads = Files.list(tasks)) {
                return threads.mapToLong(ProcessStats::threadCpuNanos).sum();
            } catch (IOException | UncheckedIOException e) {
                // The process may be exiting: fall back to what ProcessHandle reports.
            }
        }
        return ProcessHandle.of(pid).flatMap(p -> p.info().totalCpuDuration()).map(Duration::toNanos)
                .orElseThrow(() -> new IllegalStateException("no CPU time for process " + pid));
    }

    private static long threadCpuNanos(Path task) {
        try {
            String schedstat = Files.readString(task.resolve("schedstat")).trim();
            return Long.parseLong(schedstat.substring(0, schedstat.indexOf(' ')));
        } catch (IOException | RuntimeException e) {
            // The thread ended between listing and reading: it no longer counts.
            return 0;
        }
    }

    /** The soft open-files limit of a process (its {@code /proc/<pid>/limits}), or -1 if unknown. */
    public static long openFilesLimit(long pid) {
        try {
            Path limits = Path.of("/proc/" + pid + "/limits");
            for (String line : Files.readAllLines(limits)) {
                if (line.startsWith("Max open files")) {
                    String[] parts = line.substring("Max open files".length()).trim().split("\\s+");
                    return parts[0].equals("unlimited") ? Long.MAX_VALUE : Long.parseLong(parts[0]);
                }
            }
        } catch (IOException | RuntimeException e) {
            // Not Linux, or the process is gone: the caller treats the limit as unknown.
        }
        return -1;
    }

    /** How many files a process has open (entries of {@code /proc/<pid>/fd}), or -1 if unknown. */
    public static long openFiles(long pid) {
        try (var entries = Files.list(Path.of("/proc/" + pid + "/fd"))) {
            return entries.count();
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /**
     * Runs a full garbage collection in the process ({@code jcmd <pid> GC.run}), so that heap figures read
     * next count live objects only.
     *
     * @throws IllegalStateException if jcmd fails or takes more than a minute
     */
    public static void collectGarbage(long pid) {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        String command = Files.isExecutable(jcmd) ? jcmd.toString() : "jcmd";
        try {
            Process process = new ProcessBuilder(List.of(command, String.valueOf(pid), "GC.run"))
                    .redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(1, TimeUnit.MINUTES) || process.exitValue() != 0) {
                throw new IllegalStateException("jcmd " + pid + " GC.run failed: " + output.trim());
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run jcmd (a JDK, not a JRE, is needed): " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for jcmd", e);
        }
    }
}
