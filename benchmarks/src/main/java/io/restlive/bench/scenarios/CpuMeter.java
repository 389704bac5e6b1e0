package io.restlive.bench.scenarios;

import io.restlive.bench.load.Waits;
import io.restlive.bench.stack.ProcessStats;
import java.time.Duration;

/**
 * CPU time a process spends on a piece of work: its CPU time over the work, minus what it burns when idle
 * (poll loops, metrics) over the same wall time, measured just before.
 */
final class CpuMeter {

    private static final Duration IDLE_WINDOW = Duration.ofMillis(400);
    private static final int IDLE_WINDOWS = 5;

    private final long pid;
    private final double idleCpuPerWallNano;
    private long startCpu;
    private long startWall;

    private CpuMeter(long pid, double idleCpuPerWallNano) {
        this.pid = pid;
        this.idleCpuPerWallNano = idleCpuPerWallNano;
    }

    /**
     * Measures the process's idle CPU rate: the lowest of a few short windows, so that a collection or a
     * commit landing in one of them does not count as idle burn. Do nothing to the process meanwhile.
     */
    static CpuMeter calibrate(long pid) {
        double lowest = Double.MAX_VALUE;
        for (int i = 0; i < IDLE_WINDOWS; i++) {
            long cpu = ProcessStats.cpuNanos(pid);
            long wall = System.nanoTime();
            Waits.pause(IDLE_WINDOW);
            lowest = Math.min(lowest, (double) (ProcessStats.cpuNanos(pid) - cpu) / (System.nanoTime() - wall));
        }
        return new CpuMeter(pid, lowest);
    }

    /** Starts measuring the work. */
    void start() {
        startCpu = ProcessStats.cpuNanos(pid);
        startWall = System.nanoTime();
    }

    /** CPU nanoseconds the work took since {@link #start()}, idle burn removed; never negative. */
    double workNanos() {
        long cpu = ProcessStats.cpuNanos(pid) - startCpu;
        long wall = System.nanoTime() - startWall;
        return Math.max(0, cpu - idleCpuPerWallNano * wall);
    }
}
