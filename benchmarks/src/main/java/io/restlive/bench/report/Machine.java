package io.restlive.bench.report;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The machine a run measured on. The load averages say how much else ran: the numbers of a run on a busy
 * machine are a floor, not a ceiling.
 *
 * @param cpu the CPU model, from {@code /proc/cpuinfo} when readable
 * @param cores processors available to the JVM
 * @param memoryGb physical memory
 * @param os operating system and kernel
 * @param java the Java runtime of the harness and of the stack
 * @param loadAverageAtStart the one-minute load average when the run started
 * @param loadAverageAtEnd the one-minute load average when it ended
 */
public record Machine(String cpu, int cores, double memoryGb, String os, String java, double loadAverageAtStart,
                      double loadAverageAtEnd) {

    /** This machine now; {@code loadAverageAtEnd} is filled by {@link #withEndLoad()}. */
    public static Machine current() {
        return new Machine(cpuModel(), Runtime.getRuntime().availableProcessors(), physicalMemoryGb(),
                System.getProperty("os.name") + " " + System.getProperty("os.version"),
                System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"),
                loadAverage(), Double.NaN);
    }

    /** The same machine with the load average of now as the end load. */
    public Machine withEndLoad() {
        return new Machine(cpu, cores, memoryGb, os, java, loadAverageAtStart, loadAverage());
    }

    private static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    private static double physicalMemoryGb() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return Math.round(os.getTotalMemorySize() / 1e8) / 10.0;
        }
        return Double.NaN;
    }

    private static String cpuModel() {
        try {
            Path cpuinfo = Path.of("/proc/cpuinfo");
            Optional<String> model = Files.isReadable(cpuinfo)
                    ? Files.readAllLines(cpuinfo).stream().filter(l -> l.startsWith("model name")).findFirst()
                    : Optional.empty();
            return model.map(line -> line.substring(line.indexOf(':') + 1).trim())
                    .orElse(System.getProperty("os.arch"));
        } catch (IOException e) {
            return System.getProperty("os.arch");
        }
    }
}
