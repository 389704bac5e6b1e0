package io.restlive.bench.stack;

import io.restlive.cli.stack.LocalStack;
import io.restlive.cli.stack.PortPlan;
import io.restlive.cli.stack.StackProcess;
import io.restlive.schemas.TopicNames;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.Consumer;

/**
 * The stack under test: the dev broker, the processor and the edges as separate processes, started with the
 * CLI's {@link LocalStack} exactly as {@code ./rest-live run} starts them, on free ports and under a topic
 * prefix and application id of this run's own.
 */
public final class BenchStack implements AutoCloseable {

    private final LocalStack stack;
    private final Path projectDir;
    private final List<String> javaOptions;
    private final Actuator actuator = new Actuator();

    private BenchStack(LocalStack stack, Path projectDir, List<String> javaOptions) {
        this.stack = stack;
        this.projectDir = projectDir;
        this.javaOptions = List.copyOf(javaOptions);
    }

    /**
     * Starts the stack and returns once every process is ready.
     *
     * @param projectDir the project root, where the jars are built
     * @param runDir this run's directory: the views file, the processes' state and logs go under it
     * @param runId a short id making topic names and the processor's application id unique to the run
     * @param edges how many edges
     * @param javaOptions JVM options of every process
     * @param bootstrapServers an existing cluster, or {@code null} to start the dev broker
     * @param progress receives one line per step
     */
    public static BenchStack start(Path projectDir, Path runDir, String runId, int edges, List<String> javaOptions,
                                   String bootstrapServers, Consumer<String> progress) {
        String prefix = "bench-" + runId + ".";
        LocalStack stack = LocalStack.builder(projectDir)
                .viewsFile(BenchViews.write(runDir))
                .edges(edges)
                .ports(PortPlan.free(edges))
                .stateDir(runDir.resolve("stack"))
                .topicPrefix(prefix)
                .bootstrapServers(bootstrapServers)
                .processorEnv("REST_LIVE_APPLICATION_ID", prefix + "processor")
                // The matching scenario reports changes per second per stream thread.
                .processorEnv("REST_LIVE_STREAM_THREADS", "1")
                // The edges run as deployed: Reactor Netty has no connection cap, and its accept backlog
                // is the kernel's somaxconn. The edge's own caps are for one client's abuse: the harness is
                // one client opening tens of thousands of connections from a few loopback addresses.
                .edgeEnv("REST_LIVE_MAX_CONNECTIONS", "1000000")
                .edgeEnv("REST_LIVE_MAX_CONNECTIONS_PER_USER", "1000000")
                .edgeEnv("REST_LIVE_MAX_SUBSCRIPTIONS_PER_CONNECTION", "100000")
                .edgeEnv("REST_LIVE_MAX_GROUPS_PER_CONNECTION", "100000")
                .edgeEnv("REST_LIVE_SUBSCRIBE_RATE", "1000000")
                .edgeEnv("REST_LIVE_SUBSCRIBE_BURST", "1000000")
                .edgeEnv("REST_LIVE_MAX_SUBSCRIPTIONS_PER_USER", "1000000")
                .edgeEnv("REST_LIVE_SUBSCRIBE_RATE_PER_USER", "1000000")
                .edgeEnv("REST_LIVE_SUBSCRIBE_BURST_PER_USER", "1000000")
                .edgeEnv("REST_LIVE_HANDSHAKE_RATE_PER_USER", "1000000")
                .edgeEnv("REST_LIVE_HANDSHAKE_BURST_PER_USER", "1000000")
                .edgeEnv("REST_LIVE_NEW_GROUP_RATE_PER_USER", "1000000")
                .edgeEnv("REST_LIVE_NEW_GROUP_BURST_PER_USER", "1000000")
                .edgeEnv("REST_LIVE_ERROR_RATE_PER_USER", "1000000")
                .edgeEnv("REST_LIVE_ERROR_BURST_PER_USER", "1000000")
                .javaOptions(javaOptions)
                .progress(progress)
                .build();
        // A harness killed mid-run must not leave brokers and edges behind.
        Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "bench-stack-stop"));
        stack.start();
        return new BenchStack(stack, projectDir, javaOptions);
    }

    /** The project root, where the jars are. */
    public Path projectDir() {
        return projectDir;
    }

    /** Where the stack's processes write their logs. */
    public Path logDir() {
        return stack.stateDir().resolve("logs");
    }

    /** The JVM options of every process of the stack. */
    public List<String> javaOptions() {
        return javaOptions;
    }

    public String bootstrapServers() {
        return stack.bootstrapServers();
    }

    public TopicNames topics() {
        return new TopicNames(stack.topicPrefix());
    }

    /** The number of edges. */
    public int edgeCount() {
        return stack.edgeCount();
    }

    /** The subscribe endpoint of edge number {@code edge} (1-based). */
    public URI subscribeUrl(int edge) {
        return stack.webSocketUrl(edge, BenchViews.PATH);
    }

    /** The HTTP base URL of edge number {@code edge} (1-based). */
    public URI edgeUrl(int edge) {
        return URI.create("http://127.0.0.1:" + stack.ports().edgePorts().get(edge - 1));
    }

    public URI processorUrl() {
        return stack.processorUrl();
    }

    /** The id edge number {@code edge} announces its groups under. */
    public String edgeId(int edge) {
        return "edge-" + edge;
    }

    public long processorPid() {
        return pid("processor").orElseThrow();
    }

    public long edgePid(int edge) {
        return pid("edge-" + edge).orElseThrow();
    }

    /** The dev broker's pid; empty when the run uses an existing cluster. */
    public OptionalLong brokerPid() {
        return pid("broker");
    }

    /** A process's actuator metric; see {@link Actuator#metric}. */
    public double metric(URI base, String name, String tag) {
        return actuator.metric(base, name, tag);
    }

    /**
     * Starts one more edge in this cluster with the edge's default limits (the stack's own run with them
     * lifted); the caller closes it.
     */
    public DefaultLimitsEdge startDefaultLimitsEdge(Duration timeout) {
        return DefaultLimitsEdge.start(stack, projectDir, javaOptions, timeout);
    }

    /** The edge's heap in use right after a full collection, in bytes. */
    public double edgeHeapAfterGc(int edge) {
        ProcessStats.collectGarbage(edgePid(edge));
        return metric(edgeUrl(edge), "jvm.memory.used", "area:heap");
    }

    /** Every process, alive or not, for failure reports. */
    public String logTails(int lines) {
        return stack.logTails(lines);
    }

    private OptionalLong pid(String name) {
        return stack.processes().stream().filter(p -> p.name().equals(name)).mapToLong(StackProcess::pid).findFirst();
    }

    /** Throws, with the logs' tails, if a process of the stack has exited. */
    public void requireAlive() {
        for (StackProcess process : stack.processes()) {
            if (!process.isAlive()) {
                throw new IllegalStateException(process.name() + " exited with code " + process.exitValue()
                        + "\n" + process.logTail(40));
            }
        }
    }

    @Override
    public void close() {
        stack.close();
    }
}
