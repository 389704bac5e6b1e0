package io.restlive.e2e.support;

import io.restlive.cli.stack.LocalStack;
import io.restlive.cli.stack.LocalStackBuilder;
import io.restlive.cli.stack.PortPlan;
import io.restlive.cli.stack.StackStartException;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;

/**
 * Starts one {@link LocalStack} per test class, with the same class {@code ./rest-live run} uses, and stops
 * it after the class. Register it as a static field:
 *
 * <pre>{@code @RegisterExtension static final StackExtension STACK = StackExtension.withEdges(1);}</pre>
 *
 * <p>Each stack gets a fresh state dir under {@code target/e2e/}, free ports and a topic prefix of its own,
 * so runs never see each other's data. It runs its own dev broker unless {@code REST_LIVE_BOOTSTRAP_SERVERS}
 * names a cluster. When a test fails, the tail of every process's log is attached to the failure.
 */
public final class StackExtension implements BeforeAllCallback, AfterAllCallback, TestExecutionExceptionHandler {

    /** The views file of the todolist example, the one these tests are written against. */
    public static final String TODOLIST_VIEWS = "examples/todolist/views.yaml";
    /** The endpoint of the todolist views. */
    public static final String SUBSCRIBE_PATH = "/ws/subscribe/";

    private static final int LOG_TAIL_LINES = 60;

    private final int processors;
    private final int edges;
    private final Consumer<LocalStackBuilder> customizer;
    private LocalStack stack;
    private Changes changes;

    private StackExtension(int processors, int edges, Consumer<LocalStackBuilder> customizer) {
        this.processors = processors;
        this.edges = edges;
        this.customizer = customizer;
    }

    /** A stack of the todolist views with {@code edges} edges. */
    public static StackExtension withEdges(int edges) {
        return new StackExtension(1, edges, builder -> { });
    }

    /** A stack with {@code edges} edges and further settings (views file, environment, ...). */
    public static StackExtension withEdges(int edges, Consumer<LocalStackBuilder> customizer) {
        return new StackExtension(1, edges, customizer);
    }

    /** A stack with {@code processors} processors, {@code edges} edges and further settings. */
    public static StackExtension withProcessorsAndEdges(int processors, int edges,
                                                        Consumer<LocalStackBuilder> customizer) {
        return new StackExtension(processors, edges, customizer);
    }

    /** Start attempts: a port picked free can be taken by another process before ours binds it. */
    private static final int START_ATTEMPTS = 3;

    @Override
    public void beforeAll(ExtensionContext context) {
        String run = context.getRequiredTestClass().getSimpleName() + "-" + UUID.randomUUID().toString().substring(0, 8);
        for (int attempt = 1; ; attempt++) {
            stack = build(run, attempt);
            // A JVM that is killed mid-run must not leave brokers and edges behind.
            Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "e2e-stack-stop"));
            try {
                stack.start();
                break;
            } catch (StackStartException e) {
                if (attempt == START_ATTEMPTS || !portTaken(e)) {
                    throw e;
                }
                System.out.println("[e2e " + run + "] a port was taken before the stack bound it; starting again on other ports");
            }
        }
        changes = new Changes(stack.bootstrapServers(), stack.topicPrefix());
    }

    private LocalStack build(String run, int attempt) {
        Path projectDir = projectDir();
        String prefix = "e2e-" + run.toLowerCase() + ".";
        String stateDir = attempt == 1 ? run : run + "-" + attempt;
        LocalStackBuilder builder = LocalStack.builder(projectDir)
                .viewsFile(projectDir.resolve(TODOLIST_VIEWS))
                .processors(processors)
                .edges(edges)
                .ports(PortPlan.free(edges, processors))
                .stateDir(projectDir.resolve("e2e-tests/target/e2e").resolve(stateDir))
                .topicPrefix(prefix)
                .bootstrapServers(System.getenv("REST_LIVE_BOOTSTRAP_SERVERS"))
                // The processor's consumer group and changelogs must be as private as the topics.
                .processorEnv("REST_LIVE_APPLICATION_ID", prefix + "processor")
                // One line per subscribe, join and applied join: what a failed test's log tails need to
                // show where a subscription that never went live stopped.
                .processorEnv("LOGGING_LEVEL_IO_RESTLIVE_PROCESSOR_GROUPS", "DEBUG")
                .edgeEnv("LOGGING_LEVEL_IO_RESTLIVE_EDGE_PROTOCOL", "DEBUG")
                .edgeEnv("LOGGING_LEVEL_IO_RESTLIVE_EDGE_GROUPS", "DEBUG")
                .progress(line -> System.out.println("[e2e " + run + "] " + line));
        customizer.accept(builder);
        return builder.build();
    }

    private static boolean portTaken(StackStartException e) {
        return String.valueOf(e.getMessage()).contains("already in use");
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (changes != null) {
            changes.close();
        }
        if (stack != null) {
            stack.close();
        }
    }

    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
        if (stack != null) {
            failure.addSuppressed(new ProcessLogs(processorCounters() + stack.logTails(LOG_TAIL_LINES)));
        }
        throw failure;
    }

    /**
     * The processor's counters when a test failed: they tell a change that never reached the processor
     * from a group it never learned of or a broadcast that never reached the client.
     */
    private String processorCounters() {
        ProcessorEndpoints processor = ProcessorEndpoints.of(stack);
        StringBuilder counters = new StringBuilder("processor counters:");
        for (String metric : List.of("restlive.processor.groups", "restlive.processor.changes",
                "restlive.processor.broadcasts", "restlive.processor.broadcast.groups",
                "restlive.processor.dead.letters", "restlive.processor.edges.expired")) {
            try {
                counters.append(' ').append(metric).append('=').append(processor.value(metric));
            } catch (RuntimeException e) {
                counters.append(' ').append(metric).append("=(").append(e.getMessage()).append(')');
            }
        }
        return counters.append('\n').toString();
    }

    /** The running stack. */
    public LocalStack stack() {
        return stack;
    }

    /** Publishes changes to the stack's changes topic. */
    public Changes changes() {
        return changes;
    }

    /** The subscribe endpoint of edge number {@code edge} (1-based). */
    public URI subscribeUrl(int edge) {
        return stack.webSocketUrl(edge, SUBSCRIBE_PATH);
    }

    /** A client connected to the subscribe endpoint of edge number {@code edge}. */
    public WsClient connect(int edge) {
        return WsClient.connect(subscribeUrl(edge));
    }

    private static Path projectDir() {
        String configured = System.getProperty("rest-live.project-dir");
        Path dir = configured != null ? Path.of(configured) : Path.of("").toAbsolutePath().getParent();
        return dir.toAbsolutePath().normalize();
    }

    /** The processes' log tails, attached to a failed test so the report shows what the processes said. */
    private static final class ProcessLogs extends RuntimeException {
        ProcessLogs(String tails) {
            super("logs of the stack's processes:\n" + tails, null, false, false);
        }
    }
}
