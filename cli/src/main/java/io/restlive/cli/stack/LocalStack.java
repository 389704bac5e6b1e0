package io.restlive.cli.stack;

import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The local rest-live stack as separate processes: the dev broker (unless an existing cluster is given),
 * N subscription processors and M ws-edges, each {@code java -jar} of the module's executable jar, and
 * optionally the example app.
 *
 * <p>The run command and the e2e tests both start the stack with this class, so the tests run the
 * processes exactly as a developer does. {@link #start()} returns once every process is ready;
 * {@link #close()} stops them all.
 */
public final class LocalStack implements AutoCloseable {

    /** The JWT secret of a local stack when none is given: public, for development only. */
    public static final String DEV_JWT_SECRET = "rest-live-local-development-secret-never-use-in-production";

    /** The variable that carries the internal API's secret to the processor and the edges. */
    public static final String INTERNAL_SECRET_ENV = "REST_LIVE_INTERNAL_SECRET";

    private static final long STOP_TIMEOUT_SECONDS = 20;
    private static final String READINESS_PATH = "/actuator/health/readiness";

    private final StackSettings settings;
    private final ProcessLauncher launcher;
    private final Readiness readiness;
    private final List<StackProcess> processes = new CopyOnWriteArrayList<>();
    private final AtomicBoolean stopping = new AtomicBoolean();

    LocalStack(StackSettings settings) {
        this.settings = settings;
        this.launcher = new ProcessLauncher(settings.javaOptions(), settings.logDir());
        this.readiness = new Readiness(settings.readyTimeout());
    }

    /** A builder for the project rooted at {@code projectDir} (where the jars are built). */
    public static LocalStackBuilder builder(Path projectDir) {
        return new LocalStackBuilder(projectDir);
    }

    /** The process name of processor {@code n} (1-based) of {@code count}: {@code processor} when it is alone. */
    public static String processorName(int n, int count) {
        return count == 1 ? "processor" : "processor-" + n;
    }

    /**
     * Starts the broker, then the processors, then the edges (and the app), each once the one before is ready.
     *
     * @throws StackStartException naming the process that failed, with the tail of its log; every process
     *     started so far is stopped
     */
    public void start() {
        settings.jars().requireBuilt(settings.startsBroker(), settings.withApp());
        settings.ports().requireFree(settings.startsBroker(), settings.withApp());
        try {
            if (settings.startsBroker()) {
                startBroker();
            }
            for (int n = 1; n <= processorCount(); n++) {
                startProcessor(n);
            }
            List<StackProcess> edges = new ArrayList<>();
            for (int i = 1; i <= settings.ports().edgePorts().size(); i++) {
                edges.add(launch("edge-" + i, settings.jars().edge(), edgeEnv(i)));
            }
            for (int i = 0; i < edges.size(); i++) {
                readiness.awaitHttpOk(edges.get(i), readinessUrl(settings.ports().edgePorts().get(i)));
                ready(edges.get(i));
            }
            if (settings.withApp()) {
                startApp(Map.of());
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    private void startBroker() {
        Path dataDir = settings.stateDir().resolve("broker");
        StackProcess broker = launcher.launch("broker", settings.jars().devBroker(), List.of(
                "--port", String.valueOf(settings.ports().brokerPort()),
                "--controller-port", String.valueOf(settings.ports().controllerPort()),
                "--data-dir", dataDir.toString()), Map.of());
        processes.add(broker);
        settings.progress().accept("starting broker on " + settings.bootstrapServers() + " (data in " + dataDir + ")");
        readiness.awaitPort(broker, settings.ports().brokerPort());
        ready(broker);
    }

    private StackProcess launch(String name, Path jar, Map<String, String> env) {
        StackProcess process = launcher.launch(name, jar, List.of(), env);
        processes.add(process);
        settings.progress().accept("starting " + name + " on 127.0.0.1:" + env.get("SERVER_PORT"));
        return process;
    }

    private void ready(StackProcess process) {
        settings.progress().accept(process.name() + " is ready (log: " + process.log() + ")");
    }

    private Map<String, String> commonEnv(int port) {
        Map<String, String> env = new HashMap<>();
        env.put("REST_LIVE_BOOTSTRAP_SERVERS", settings.bootstrapServers());
        env.put("REST_LIVE_TOPIC_PREFIX", settings.topicPrefix());
        env.put("SERVER_PORT", String.valueOf(port));
        env.put("SERVER_ADDRESS", "127.0.0.1");
        return env;
    }

    /**
     * Starts processor {@code n} (1-based; again, e.g. after a test killed it, with the same instance id and
     * state directory) and waits until it is ready.
     *
     * @return its process
     * @throws StackStartException if it does not become ready
     */
    public StackProcess startProcessor(int n) {
        String name = processorName(n, processorCount());
        long started = processes.stream().filter(p -> p.name().equals(name) || p.name().startsWith(name + "-run")).count();
        StackProcess processor = launch(started == 0 ? name : name + "-run" + (started + 1), settings.jars().processor(),
                processorEnv(n));
        readiness.awaitHttpOk(processor, readinessUrl(settings.ports().processorPorts().get(n - 1)));
        ready(processor);
        return processor;
    }

    private Map<String, String> processorEnv(int n) {
        String name = processorName(n, processorCount());
        Map<String, String> env = commonEnv(settings.ports().processorPorts().get(n - 1));
        env.put("REST_LIVE_VIEWS", settings.viewsFile().toString());
        env.put("REST_LIVE_STATE_DIR", settings.stateDir().resolve(name).toString());
        // A stable id per processor: static group membership, as a StatefulSet's pod names give.
        env.put("REST_LIVE_INSTANCE_ID", name);
        env.put("REST_LIVE_ADVERTISED_HOST", "127.0.0.1");
        env.put(INTERNAL_SECRET_ENV, settings.internalSecret());
        env.putAll(settings.processorEnv());
        return env;
    }

    /** The number of processors. */
    public int processorCount() {
        return settings.ports().processorPorts().size();
    }

    /**
     * Starts edge {@code n} (1-based) again, e.g. after a test stopped it, on its port with its settings, and
     * waits until it is ready. A restarted edge logs to {@code edge-<n>-run<k>.log}: the earlier log stays.
     *
     * @return its process
     * @throws StackStartException if it does not become ready
     */
    public StackProcess startEdge(int n) {
        String name = "edge-" + n;
        long started = processes.stream().filter(p -> p.name().equals(name) || p.name().startsWith(name + "-run")).count();
        StackProcess edge = launch(started == 0 ? name : name + "-run" + (started + 1), settings.jars().edge(), edgeEnv(n));
        readiness.awaitHttpOk(edge, readinessUrl(settings.ports().edgePorts().get(n - 1)));
        ready(edge);
        return edge;
    }

    private Map<String, String> edgeEnv(int edge) {
        Map<String, String> env = commonEnv(settings.ports().edgePorts().get(edge - 1));
        env.put("REST_LIVE_VIEWS", settings.viewsFile().toString());
        env.put("REST_LIVE_PROCESSOR_URL", String.join(",", processorUrls().stream().map(URI::toString).toList()));
        env.put("REST_LIVE_EDGE_ID", "edge-" + edge);
        env.put("REST_LIVE_JWT_SECRET", settings.jwtSecret());
        env.put(INTERNAL_SECRET_ENV, settings.internalSecret());
        env.putAll(settings.edgeEnv());
        return env;
    }

    private Map<String, String> appEnv() {
        Map<String, String> env = commonEnv(settings.ports().appPort());
        // The app's data lives beside the stack's state, so a second run continues the first (ids and versions
        // go on) instead of starting an empty database against a processor that remembers higher versions.
        env.put("SPRING_DATASOURCE_URL", "jdbc:h2:file:" + settings.stateDir().resolve("app").resolve("todolist")
                + ";DB_CLOSE_ON_EXIT=FALSE");
        env.putAll(settings.appEnv());
        return env;
    }

    /**
     * Starts the example app (again, e.g. after a test killed it) with its environment plus {@code overrides},
     * and waits until it is ready.
     *
     * @return the app's process
     * @throws StackStartException if it does not become ready
     */
    public StackProcess startApp(Map<String, String> overrides) {
        Map<String, String> env = appEnv();
        env.putAll(overrides);
        // A restarted app logs to app-2.log, ...: the log of the one before stays for the failure report.
        long started = processes.stream().filter(p -> p.name().startsWith("app")).count();
        StackProcess app = launch(started == 0 ? "app" : "app-" + (started + 1), settings.jars().app(), env);
        readiness.awaitHttpOk(app, readinessUrl(settings.ports().appPort()));
        ready(app);
        return app;
    }

    private static URI readinessUrl(int port) {
        return URI.create("http://127.0.0.1:" + port + READINESS_PATH);
    }

    /** {@code host:port} of the cluster the stack uses: the dev broker's, or the one it was given. */
    public String bootstrapServers() {
        return settings.bootstrapServers();
    }

    /** Whether the stack runs the example todolist app. */
    public boolean startsApp() {
        return settings.withApp();
    }

    /** The example app's base URL, {@code http://127.0.0.1:<port>}. */
    public URI appUrl() {
        return URI.create("http://127.0.0.1:" + settings.ports().appPort());
    }

    /** Whether the stack runs its own dev broker. */
    public boolean startsBroker() {
        return settings.startsBroker();
    }

    /** The first processor's base URL, {@code http://127.0.0.1:<port>}. */
    public URI processorUrl() {
        return processorUrls().get(0);
    }

    /** Every processor's base URL, the first processor's first. */
    public List<URI> processorUrls() {
        return settings.ports().processorPorts().stream().map(port -> URI.create("http://127.0.0.1:" + port)).toList();
    }

    /** The WebSocket URL of {@code path} on edge number {@code edge} (1-based). */
    public URI webSocketUrl(int edge, String path) {
        return URI.create("ws://127.0.0.1:" + settings.ports().edgePorts().get(edge - 1) + path);
    }

    /** The number of edges. */
    public int edgeCount() {
        return settings.ports().edgePorts().size();
    }

    public PortPlan ports() {
        return settings.ports();
    }

    public String topicPrefix() {
        return settings.topicPrefix();
    }

    public String jwtSecret() {
        return settings.jwtSecret();
    }

    /** The secret the processor's {@code /internal/**} endpoints require (never printed). */
    public String internalSecret() {
        return settings.internalSecret();
    }

    /** 32 random bytes, URL-safe Base64: a stack's internal secret when none is given. */
    static String randomSecret() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public Path viewsFile() {
        return settings.viewsFile();
    }

    public Path stateDir() {
        return settings.stateDir();
    }

    /** The processes started so far, in start order. */
    public List<StackProcess> processes() {
        return List.copyOf(processes);
    }

    /** Completes with the first process that exits, for whatever reason. */
    public CompletableFuture<StackProcess> firstExit() {
        CompletableFuture<StackProcess> first = new CompletableFuture<>();
        processes.forEach(p -> p.onExit().thenAccept(first::complete));
        return first;
    }

    /** The last lines of every process's log, for a failure report. */
    public String logTails(int lines) {
        StringBuilder out = new StringBuilder();
        processes.forEach(p -> out.append(p.logTail(lines)).append('\n'));
        return out.toString();
    }

    /** Whether {@link #close()} has begun. */
    public boolean isStopping() {
        return stopping.get();
    }

    /**
     * Stops every process: the apps first, then the broker they talk to. Each gets SIGTERM and
     * {@value #STOP_TIMEOUT_SECONDS} seconds to exit before it is killed. Safe to call more than once.
     */
    @Override
    public void close() {
        if (!stopping.compareAndSet(false, true)) {
            return;
        }
        List<StackProcess> apps = processes.stream().filter(p -> !p.name().equals("broker")).toList();
        stop(apps);
        stop(processes.stream().filter(p -> p.name().equals("broker")).toList());
    }

    private static void stop(List<StackProcess> group) {
        group.forEach(p -> p.process().destroy());
        Instant deadline = Instant.now().plusSeconds(STOP_TIMEOUT_SECONDS);
        for (StackProcess p : group) {
            try {
                long left = Math.max(0, Duration.between(Instant.now(), deadline).toMillis());
                if (!p.process().waitFor(left, TimeUnit.MILLISECONDS)) {
                    p.process().destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                p.process().destroyForcibly();
            }
        }
    }
}
