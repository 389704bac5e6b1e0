package io.restlive.bench.stack;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * CPU time of every process of the run at one moment (the harness itself, the broker, the processor, the
 * edges), so that a scenario can say how many cores each used over a step: on a small machine that shows
 * who the bottleneck is, the load generator included.
 */
public final class CpuSnapshot {

    private final Map<String, Long> cpuNanos;
    private final long wallNanos;

    private CpuSnapshot(Map<String, Long> cpuNanos, long wallNanos) {
        this.cpuNanos = cpuNanos;
        this.wallNanos = wallNanos;
    }

    /** The CPU time of every process now. */
    public static CpuSnapshot take(BenchStack stack) {
        Map<String, Long> cpu = new LinkedHashMap<>();
        cpu.put("harness", ProcessStats.cpuNanos(ProcessHandle.current().pid()));
        OptionalLong broker = stack.brokerPid();
        broker.ifPresent(pid -> cpu.put("broker", ProcessStats.cpuNanos(pid)));
        cpu.put("processor", ProcessStats.cpuNanos(stack.processorPid()));
        long edges = 0;
        for (int edge = 1; edge <= stack.edgeCount(); edge++) {
            edges += ProcessStats.cpuNanos(stack.edgePid(edge));
        }
        cpu.put("edges", edges);
        return new CpuSnapshot(cpu, System.nanoTime());
    }

    /** The CPU time of one process now, under {@code name}. */
    public static CpuSnapshot take(String name, long pid) {
        return new CpuSnapshot(Map.of(name, ProcessStats.cpuNanos(pid)), System.nanoTime());
    }

    /** Cores each process used since {@code earlier}, as {@code <name>_cores} figures. */
    public Map<String, Double> coresSince(CpuSnapshot earlier) {
        Map<String, Double> cores = new LinkedHashMap<>();
        double wall = wallNanos - earlier.wallNanos;
        cpuNanos.forEach((name, nanos) -> {
            Long before = earlier.cpuNanos.get(name);
            if (before != null && wall > 0) {
                cores.put(name + "_cores", (nanos - before) / wall);
            }
        });
        return cores;
    }
}
