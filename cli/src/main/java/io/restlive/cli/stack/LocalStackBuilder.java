package io.restlive.cli.stack;

import io.restlive.schemas.TopicNames;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/** Collects the settings of a {@link LocalStack}; only the views file is required. */
public final class LocalStackBuilder {

    private final Path projectDir;
    private Path viewsFile;
    private int edges = 1;
    private int processors = 1;
    private PortPlan ports;
    private Path stateDir;
    private String topicPrefix = TopicNames.DEFAULT_PREFIX;
    private String bootstrapServers;
    private String jwtSecret = LocalStack.DEV_JWT_SECRET;
    private String internalSecret;
    private final Map<String, String> processorEnv = new LinkedHashMap<>();
    private final Map<String, String> edgeEnv = new LinkedHashMap<>();
    private final Map<String, String> appEnv = new LinkedHashMap<>();
    private boolean withApp;
    private Duration readyTimeout = Duration.ofSeconds(180);
    private List<String> javaOptions = List.of("-Xmx512m");
    private Consumer<String> progress = line -> { };

    LocalStackBuilder(Path projectDir) {
        this.projectDir = projectDir.toAbsolutePath().normalize();
    }

    /** The views file the processor and every edge load. */
    public LocalStackBuilder viewsFile(Path viewsFile) {
        this.viewsFile = viewsFile.toAbsolutePath().normalize();
        return this;
    }

    /** How many edges to start (default 1). */
    public LocalStackBuilder edges(int edges) {
        this.edges = edges;
        return this;
    }

    /** How many processors to start (default 1). */
    public LocalStackBuilder processors(int processors) {
        this.processors = processors;
        return this;
    }

    /** The ports (default {@link PortPlan#defaults(int)} for the number of edges). */
    public LocalStackBuilder ports(PortPlan ports) {
        this.ports = ports;
        return this;
    }

    /** Where data and logs go (default {@code <project>/.state}). */
    public LocalStackBuilder stateDir(Path stateDir) {
        this.stateDir = stateDir.toAbsolutePath().normalize();
        return this;
    }

    /** The topic name prefix (default {@code rest-live.}). */
    public LocalStackBuilder topicPrefix(String topicPrefix) {
        this.topicPrefix = new TopicNames(topicPrefix).prefix();
        return this;
    }

    /** Use this existing cluster instead of starting the dev broker; {@code null} or blank starts it. */
    public LocalStackBuilder bootstrapServers(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers == null || bootstrapServers.isBlank() ? null : bootstrapServers;
        return this;
    }

    /** The secret the edges verify JWTs with (default {@link LocalStack#DEV_JWT_SECRET}). */
    public LocalStackBuilder jwtSecret(String jwtSecret) {
        this.jwtSecret = Objects.requireNonNull(jwtSecret, "jwtSecret");
        return this;
    }

    /**
     * The secret the processor's {@code /internal/**} endpoints require and the edges present (default: a
     * random one for this stack, so that no stack ever runs with a known or missing secret).
     */
    public LocalStackBuilder internalSecret(String internalSecret) {
        this.internalSecret = internalSecret == null || internalSecret.isBlank() ? null : internalSecret;
        return this;
    }

    /** Adds or overrides one environment variable of the processor. */
    public LocalStackBuilder processorEnv(String name, String value) {
        processorEnv.put(name, value);
        return this;
    }

    /** Adds or overrides one environment variable of every edge. */
    public LocalStackBuilder edgeEnv(String name, String value) {
        edgeEnv.put(name, value);
        return this;
    }

    /** Adds or overrides one environment variable of the example app (e.g. its datasource, REST_LIVE_MODE). */
    public LocalStackBuilder appEnv(String name, String value) {
        appEnv.put(name, value);
        return this;
    }

    /** Also start the example todolist app. */
    public LocalStackBuilder withApp(boolean withApp) {
        this.withApp = withApp;
        return this;
    }

    /** How long each process may take to become ready (default 180 s: a shared machine can be slow). */
    public LocalStackBuilder readyTimeout(Duration readyTimeout) {
        this.readyTimeout = readyTimeout;
        return this;
    }

    /** JVM options of every process (default {@code -Xmx512m}). */
    public LocalStackBuilder javaOptions(List<String> javaOptions) {
        this.javaOptions = List.copyOf(javaOptions);
        return this;
    }

    /** Receives one line per step (starting, ready); the run command prints them. */
    public LocalStackBuilder progress(Consumer<String> progress) {
        this.progress = Objects.requireNonNull(progress, "progress");
        return this;
    }

    /**
     * The stack, not started yet.
     *
     * @throws IllegalArgumentException if the views file is missing or the settings contradict each other
     */
    public LocalStack build() {
        if (viewsFile == null) {
            throw new IllegalArgumentException("a views file is required");
        }
        if (ports == null) {
            ports = PortPlan.fixed(9092, 8081, 8080, 8000, edges, processors);
        }
        if (ports.edgePorts().size() != edges || ports.processorPorts().size() != processors) {
            throw new IllegalArgumentException("the port plan has " + ports.processorPorts().size()
                    + " processor and " + ports.edgePorts().size() + " edge ports for " + processors
                    + " processors and " + edges + " edges");
        }
        return new LocalStack(new StackSettings(
                StackJars.in(projectDir), viewsFile, ports,
                stateDir == null ? projectDir.resolve(".state") : stateDir,
                topicPrefix, bootstrapServers, jwtSecret,
                internalSecret == null ? LocalStack.randomSecret() : internalSecret,
                Map.copyOf(processorEnv), Map.copyOf(edgeEnv),
                Map.copyOf(appEnv),
                withApp, readyTimeout, javaOptions, progress));
    }
}
