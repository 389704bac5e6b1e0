package io.restlive.e2e.deploy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The workloads of a rendered chart as local processes, wired as Kubernetes would wire them: a pod per
 * replica (StatefulSet pods named by ordinal), each container's environment as the kubelet builds it
 * ({@link ContainerEnv}), its ConfigMap volumes as files, its emptyDir and claim volumes as directories, each
 * Service as a round-robin {@link TcpProxy} over the pods it selects, and cluster DNS names as local addresses
 * ({@link Addresses}). Each image is replaced by the jar it is built from ({@link LocalContainer}).
 */
final class LocalCluster implements AutoCloseable {

    private final Map<String, Map<String, String>> environments = new java.util.concurrent.ConcurrentHashMap<>();

    private final RenderedChart chart;
    private final Map<String, Path> jarsByImage;
    private final Path workDir;
    private final Addresses addresses = new Addresses();
    private final List<LocalPod> pods = new ArrayList<>();
    private final Map<LocalPod, LocalProcess> processes = new LinkedHashMap<>();
    private final Map<String, TcpProxy> serviceProxies = new HashMap<>();

    /**
     * @param jarsByImage the jar standing for each image repository ({@code rest-live/ws-edge})
     * @param external addresses outside the chart ({@code host:port} of the Kafka cluster) and where they are
     */
    LocalCluster(RenderedChart chart, Map<String, Path> jarsByImage, Map<String, String> external, Path workDir) {
        this.chart = chart;
        this.jarsByImage = jarsByImage;
        this.workDir = workDir;
        external.forEach(addresses::mapHostPort);
    }

    /** Starts every pod of every StatefulSet and Deployment at once, as Kubernetes does; returns without waiting. */
    void start() {
        for (StatefulSet set : chart.all(StatefulSet.class)) {
            for (int ordinal = 0; ordinal < set.getSpec().getReplicas(); ordinal++) {
                plan(set.getMetadata().getName() + "-" + ordinal, set.getSpec().getTemplate());
            }
        }
        for (Deployment deployment : chart.all(Deployment.class)) {
            // No replica count (an autoscaler owns it): Kubernetes starts one.
            int replicas = Optional.ofNullable(deployment.getSpec().getReplicas()).orElse(1);
            for (int i = 0; i < replicas; i++) {
                plan(deployment.getMetadata().getName() + "-" + i, deployment.getSpec().getTemplate());
            }
        }
        chart.all(Service.class).forEach(this::route);
        for (LocalPod pod : pods) {
            processes.put(pod, launch(pod));
        }
    }

    private void plan(String name, PodTemplateSpec template) {
        List<ContainerPort> declared = template.getSpec().getContainers().get(0).getPorts();
        List<Integer> free = FreePorts.take(declared.size());
        Map<Integer, Integer> ports = new LinkedHashMap<>();
        for (int i = 0; i < declared.size(); i++) {
            ports.put(declared.get(i).getContainerPort(), free.get(i));
        }
        pods.add(new LocalPod(name, template, ports, workDir.resolve("pods").resolve(name)));
    }

    /** A Service: a proxy per port over the pods it selects; a headless one also names each of its pods. */
    private void route(Service service) {
        String name = service.getMetadata().getName();
        String namespace = RenderedChart.NAMESPACE;
        List<LocalPod> selected = pods.stream()
                .filter(pod -> pod.labels().entrySet().containsAll(service.getSpec().getSelector().entrySet())).toList();
        for (ServicePort port : service.getSpec().getPorts()) {
            List<Integer> targets = selected.stream().map(pod -> pod.localPort(port.getTargetPort())).toList();
            if (targets.isEmpty()) {
                continue;
            }
            TcpProxy proxy = TcpProxy.start(name + ":" + port.getPort(), 0, targets);
            serviceProxies.put(name + ":" + port.getName(), proxy);
            for (String host : List.of(name, name + "." + namespace, name + "." + namespace + ".svc",
                    name + "." + namespace + ".svc.cluster.local")) {
                addresses.map(host, port.getPort(), proxy.port());
            }
            if ("None".equals(service.getSpec().getClusterIP())) {
                for (LocalPod pod : selected) {
                    String podHost = pod.name() + "." + name + "." + namespace + ".svc";
                    addresses.map(podHost, port.getPort(), pod.localPort(port.getTargetPort()));
                    addresses.map(podHost + ".cluster.local", port.getPort(), pod.localPort(port.getTargetPort()));
                }
            }
        }
    }

    /** A started pod's container environment variable, as resolved from the rendered manifests. */
    String env(LocalPod pod, String name) {
        return environments.getOrDefault(pod.name(), Map.of()).get(name);
    }

    private LocalProcess launch(LocalPod pod) {
        Container container = pod.container();
        if (container.getCommand() != null && !container.getCommand().isEmpty()) {
            throw new AssertionError(pod.name() + " overrides the image's entrypoint: " + container.getCommand());
        }
        Map<String, String> fields = Map.of("metadata.name", pod.name(), "metadata.namespace", RenderedChart.NAMESPACE);
        Map<String, String> env = ContainerEnv.resolve(container.getEnv(), fields,
                name -> chart.find(Secret.class, name), name -> chart.find(ConfigMap.class, name));
        Quantity memory = container.getResources() == null || container.getResources().getLimits() == null ? null
                : container.getResources().getLimits().get("memory");
        environments.put(pod.name(), env);
        Map<String, String> local = LocalContainer.localEnv(env, addresses, pod.ports(), mounts(pod),
                memory == null ? null : Quantity.getAmountInBytes(memory).longValueExact());
        return LocalContainer.start(pod.name(), jar(container.getImage()), Optional.ofNullable(container.getArgs()).orElse(List.of()),
                local, pod.dir(), workDir.resolve("logs"));
    }

    /** Each volume mount as a local directory: a ConfigMap's keys as files, an emptyDir or a claim empty. */
    private Map<String, Path> mounts(LocalPod pod) {
        Map<String, Path> mounts = new LinkedHashMap<>();
        for (VolumeMount mount : pod.container().getVolumeMounts()) {
            Path dir = pod.dir().resolve("volumes").resolve(mount.getName());
            try {
                Files.createDirectories(dir);
                Optional<Volume> volume = pod.template().getSpec().getVolumes().stream()
                        .filter(v -> v.getName().equals(mount.getName())).findFirst();
                if (volume.isPresent() && volume.get().getConfigMap() != null) {
                    ConfigMap map = chart.one(ConfigMap.class, volume.get().getConfigMap().getName());
                    for (Map.Entry<String, String> file : map.getData().entrySet()) {
                        Files.writeString(dir.resolve(file.getKey()), file.getValue());
                    }
                } else if (volume.isPresent() ? volume.get().getEmptyDir() == null : !claimTemplate(mount.getName())) {
                    throw new AssertionError(pod.name() + ": volume " + mount.getName() + " is of a kind the test does not provide");
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            mounts.put(mount.getMountPath(), dir);
        }
        return mounts;
    }

    private boolean claimTemplate(String name) {
        return chart.all(StatefulSet.class).stream()
                .flatMap(set -> Optional.ofNullable(set.getSpec().getVolumeClaimTemplates()).orElse(List.of()).stream())
                .map(PersistentVolumeClaim::getMetadata).anyMatch(meta -> meta.getName().equals(name));
    }

    private Path jar(String image) {
        String repository = image.substring(0, image.lastIndexOf(':'));
        Path jar = jarsByImage.get(repository);
        if (jar == null) {
            throw new AssertionError("no jar stands for image " + image + " (known: " + jarsByImage.keySet() + ")");
        }
        return jar;
    }

    /** The pods of a StatefulSet or Deployment. */
    List<LocalPod> pods(String workload) {
        return pods.stream().filter(pod -> pod.name().matches(java.util.regex.Pattern.quote(workload) + "-\\d+")).toList();
    }

    LocalProcess process(LocalPod pod) {
        return processes.get(pod);
    }

    /** The local port of a Service's port, by the port's name. */
    int servicePort(String service, String portName) {
        TcpProxy proxy = serviceProxies.get(service + ":" + portName);
        if (proxy == null) {
            throw new AssertionError("no Service port " + service + ":" + portName + " (known: " + serviceProxies.keySet() + ")");
        }
        return proxy.port();
    }

    /** The end of every pod's log, for a failure report. */
    String logTails(int lines) {
        StringBuilder out = new StringBuilder();
        processes.values().forEach(p -> out.append(p.logTail(lines)).append('\n'));
        return out.toString();
    }

    @Override
    public void close() {
        serviceProxies.values().forEach(TcpProxy::close);
        LocalProcess.stopAll(List.copyOf(processes.values()));
    }
}
