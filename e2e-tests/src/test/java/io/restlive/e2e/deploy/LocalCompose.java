package io.restlive.e2e.deploy;

import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The services of a docker-compose.yml as local processes, started as {@code docker compose up} starts them:
 * each once the services it depends on are started or healthy, as its {@code depends_on} says, judged by
 * their own health checks. Services built from deploy/docker/Dockerfile run as their {@code JAR_FILE} with
 * their environment ({@link LocalContainer}); the others have stand-ins:
 * <ul>
 *   <li>{@code apache/kafka}: the dev broker, healthy once it accepts connections;</li>
 *   <li>{@code postgres}: a database of the machine's PostgreSQL, which dependents' JDBC URL and user name
 *       are pointed at;</li>
 *   <li>{@code nginx}: a {@link TcpProxy} over the upstream servers of its mounted configuration;</li>
 *   <li>{@code apicurio/apicurio-registry}: none; its address leads to a closed local port.</li>
 * </ul>
 */
final class LocalCompose implements AutoCloseable {

    private final ComposeFile compose;
    private final Path workDir;
    private final String databaseUrl;
    private final String databaseUser;
    private final Addresses addresses = new Addresses();
    private final Map<String, Map<Integer, Integer>> ports = new HashMap<>();
    private final Map<Integer, Integer> published = new HashMap<>();
    private final Map<String, LocalProcess> processes = new LinkedHashMap<>();
    private final List<TcpProxy> proxies = new ArrayList<>();
    private final Set<String> started = new LinkedHashSet<>();
    private final Set<String> healthy = new HashSet<>();
    private DevBroker broker;

    /**
     * @param databaseUrl the JDBC URL of the database standing for the {@code postgres} service's
     * @param databaseUser the user to connect as
     */
    LocalCompose(ComposeFile compose, Path workDir, String databaseUrl, String databaseUser) {
        this.compose = compose;
        this.workDir = workDir;
        this.databaseUrl = databaseUrl;
        this.databaseUser = databaseUser;
    }

    /** Starts every service as its dependencies allow and returns once every health check passes. */
    void up() {
        plan();
        List<ComposeFile.Service> pending = new ArrayList<>(compose.services());
        while (!pending.isEmpty()) {
            List<ComposeFile.Service> startable = pending.stream().filter(this::dependenciesMet).toList();
            if (startable.isEmpty()) {
                await("a service's dependencies of " + pending.stream().map(ComposeFile.Service::name).toList())
                        .atMost(Probes.START_TIMEOUT).pollInterval(Duration.ofMillis(500))
                        .failFast(() -> processes.values().forEach(Probes::requireAlive))
                        .until(() -> pending.stream().anyMatch(this::dependenciesMet));
                continue;
            }
            startable.forEach(this::start);
            pending.removeAll(startable);
        }
        for (ComposeFile.Service service : compose.services()) {
            if (!service.healthCheck().isEmpty() && processes.containsKey(service.name())) {
                Probes.awaitHttpOk(processes.get(service.name()), healthUrl(service));
            }
        }
    }

    /** Local ports for every port a built service exposes, the names other services reach them by, and aliases. */
    private void plan() {
        Map<String, List<Integer>> aliasTargets = new LinkedHashMap<>();
        for (ComposeFile.Service service : compose.services()) {
            if (jar(service) == null) {
                continue;
            }
            Map<Integer, Integer> local = new LinkedHashMap<>();
            List<Integer> free = FreePorts.take(service.expose().size());
            for (int i = 0; i < free.size(); i++) {
                int port = service.expose().get(i);
                local.put(port, free.get(i));
                addresses.map(service.name(), port, free.get(i));
                for (String alias : service.aliases()) {
                    aliasTargets.computeIfAbsent(alias + ":" + port, k -> new ArrayList<>()).add(free.get(i));
                }
            }
            ports.put(service.name(), local);
            service.publishedPorts().forEach((container, host) -> published.put(host, local.get(container)));
        }
        // An alias several services share answers as Docker's DNS does: any of them, in turn.
        aliasTargets.forEach((aliasPort, targets) -> {
            TcpProxy proxy = TcpProxy.start(aliasPort, 0, targets);
            proxies.add(proxy);
            String[] parts = aliasPort.split(":");
            addresses.map(parts[0], Integer.parseInt(parts[1]), proxy.port());
        });
        // Nothing listens here: the registry is left out.
        compose.services().stream().filter(s -> s.image().orElse("").startsWith("apicurio/"))
                .forEach(s -> addresses.map(s.name(), 8080, FreePorts.one()));
    }

    private boolean dependenciesMet(ComposeFile.Service service) {
        return service.dependsOn().entrySet().stream().allMatch(dependency -> switch (dependency.getValue()) {
            case "service_started" -> started.contains(dependency.getKey());
            case "service_healthy" -> isHealthy(compose.service(dependency.getKey()));
            default -> throw new AssertionError(service.name() + ": condition " + dependency.getValue() + " is not covered");
        });
    }

    private boolean isHealthy(ComposeFile.Service service) {
        if (healthy.contains(service.name())) {
            return true;
        }
        if (!started.contains(service.name()) || service.healthCheck().isEmpty()) {
            return false;
        }
        boolean now = !processes.containsKey(service.name()) || Probes.succeeds(healthUrl(service));
        if (now) {
            healthy.add(service.name());
        }
        return now;
    }

    private void start(ComposeFile.Service service) {
        String image = service.image().orElse("");
        if (jar(service) != null) {
            startBuilt(service);
        } else if (image.startsWith("apache/kafka")) {
            broker = DevBroker.start(workDir);
            addresses.mapHostPort(service.name() + ":9092", broker.bootstrapServers());
        } else if (image.startsWith("nginx")) {
            startLoadBalancer(service);
        } else if (!image.startsWith("postgres") && !image.startsWith("apicurio/")) {
            throw new AssertionError("no stand-in for service " + service.name() + " (" + image + ")");
        }
        started.add(service.name());
    }

    private void startBuilt(ComposeFile.Service service) {
        Path dir = workDir.resolve("services").resolve(service.name());
        Map<String, Path> mounts = new LinkedHashMap<>();
        service.volumes().forEach((containerPath, source) -> mounts.put(containerPath,
                source.startsWith("./") ? Project.dir().resolve(source.substring(2)) : dir.resolve("volumes").resolve(source)));
        Map<String, String> env = new LinkedHashMap<>();
        service.environment().forEach((name, value) -> env.put(name, database(name, value)));
        Map<String, String> local = LocalContainer.localEnv(env, addresses, ports.get(service.name()), mounts,
                service.memoryLimitBytes());
        service.volumes().forEach((containerPath, source) -> {
            if (!source.startsWith("./")) {
                mounts.get(containerPath).toFile().mkdirs();
            }
        });
        processes.put(service.name(), LocalContainer.start(service.name(), Project.dir().resolve(jar(service)), List.of(),
                local, dir, workDir.resolve("logs")));
    }

    /** The {@code postgres} service's database and user, in dependents' settings, become the stand-in's. */
    private String database(String name, String value) {
        ComposeFile.Service postgres = compose.services().stream().filter(s -> s.image().orElse("").startsWith("postgres"))
                .findFirst().orElse(null);
        if (postgres == null) {
            return value;
        }
        Map<String, String> pg = postgres.environment();
        if (value.equals("jdbc:postgresql://" + postgres.name() + ":5432/" + pg.get("POSTGRES_DB"))) {
            return databaseUrl;
        }
        return name.endsWith("_USERNAME") && value.equals(pg.get("POSTGRES_USER")) ? databaseUser : value;
    }

    private void startLoadBalancer(ComposeFile.Service service) {
        String conf = service.volumes().entrySet().stream().filter(v -> v.getKey().startsWith("/etc/nginx/"))
                .map(Map.Entry::getValue).findFirst().orElseThrow(() -> new AssertionError(service.name() + " mounts no nginx configuration"));
        NginxConf nginx = NginxConf.read(Project.dir().resolve(conf.substring(2)));
        List<Integer> upstreams = nginx.upstreams().stream().map(hostPort -> {
            String[] parts = hostPort.split(":");
            return ports.get(parts[0]).get(Integer.parseInt(parts[1]));
        }).toList();
        TcpProxy proxy = TcpProxy.start(service.name(), 0, upstreams);
        proxies.add(proxy);
        service.publishedPorts().forEach((container, host) -> {
            if (container != nginx.listen()) {
                throw new AssertionError(service.name() + " publishes " + container + " but nginx listens on " + nginx.listen());
            }
            published.put(host, proxy.port());
        });
    }

    /** Where a built service's health check goes: its URL, with the container's own port made local. */
    private URI healthUrl(ComposeFile.Service service) {
        URI declared = URI.create(service.healthCheck().stream().filter(arg -> arg.startsWith("http://")).findFirst()
                .orElseThrow(() -> new AssertionError(service.name() + ": no URL in its health check " + service.healthCheck())));
        Integer local = ports.get(service.name()).get(declared.getPort());
        if (local == null || !List.of("localhost", "127.0.0.1").contains(declared.getHost())) {
            throw new AssertionError(service.name() + "'s health check " + declared + " is not on a port it exposes");
        }
        return URI.create("http://127.0.0.1:" + local + declared.getRawPath());
    }

    private static String jar(ComposeFile.Service service) {
        return service.buildArgs().get("JAR_FILE");
    }

    /** The local port standing for host port {@code hostPort} of {@code ports:}. */
    int publishedPort(int hostPort) {
        Integer port = published.get(hostPort);
        if (port == null) {
            throw new AssertionError("no service publishes port " + hostPort);
        }
        return port;
    }

    /** The services in the order they were started. */
    List<String> startOrder() {
        return List.copyOf(started);
    }

    DevBroker broker() {
        return broker;
    }

    String logTails(int lines) {
        StringBuilder out = new StringBuilder(broker == null ? "" : broker.process().logTail(20) + "\n");
        processes.values().forEach(p -> out.append(p.logTail(lines)).append('\n'));
        return out.toString();
    }

    @Override
    public void close() {
        proxies.forEach(TcpProxy::close);
        LocalProcess.stopAll(List.copyOf(processes.values()));
        if (broker != null) {
            broker.close();
        }
    }
}
