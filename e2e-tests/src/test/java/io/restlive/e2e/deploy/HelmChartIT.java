package io.restlive.e2e.deploy;

import static io.restlive.e2e.deploy.ChartWorkloads.env;
import static io.restlive.e2e.deploy.ChartWorkloads.port;
import static io.restlive.e2e.deploy.ChartWorkloads.value;
import static io.restlive.e2e.deploy.RenderedChart.name;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.marcnuri.helm.DryRun;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The chart with its defaults (plus the required Kafka cluster): lint, and the choices it makes, read from
 * the typed objects Helm renders. {@link HelmValuesIT} covers values changes, {@link HelmDeploymentIT} runs
 * what it renders.
 */
class HelmChartIT {

    private static final RenderedChart CHART = RenderedChart.render(RenderedChart.minimalValues());
    private static final ChartWorkloads WORKLOADS = ChartWorkloads.of(CHART);

    @Test
    void shouldPassHelmLintInStrictMode() {
        // when
        LintResult lint = new Helm(Project.chart()).lint().strict().call();

        // then: informational notes only (the required Kafka cluster, a chart icon)
        assertThat(lint.isFailed()).as("lint failed: %s", lint.getMessages()).isFalse();
        assertThat(lint.getMessages()).noneMatch(m -> m.contains("[WARNING]") || m.contains("[ERROR]"));
    }

    @Test
    void shouldRefuseToRenderWithoutAKafkaCluster() {
        assertThatThrownBy(() -> RenderedChart.render(Map.of()))
                .hasMessageContaining("kafka.bootstrapServers is required");
    }

    @Test
    void shouldRunProcessorsAsAStatefulSetWithStableIdentitiesBehindAHeadlessService() {
        // given
        Container processor = WORKLOADS.processorContainer();
        Service headless = CHART.one(Service.class, name("processor-headless"));

        // then: pods get stable DNS names, resolvable before they are ready
        assertThat(WORKLOADS.processor().getSpec().getServiceName()).isEqualTo(headless.getMetadata().getName());
        assertThat(headless.getSpec().getClusterIP()).isEqualTo("None");
        assertThat(headless.getSpec().getPublishNotReadyAddresses()).isTrue();
        assertThat(headless.getSpec().getSelector()).isEqualTo(WORKLOADS.processor().getSpec().getSelector().getMatchLabels());
        assertThat(WORKLOADS.processor().getSpec().getPodManagementPolicy()).isEqualTo("Parallel");

        // then: the instance id is the pod name; the advertised host its DNS name under the headless service
        assertThat(env(processor, "REST_LIVE_INSTANCE_ID").getValueFrom().getFieldRef().getFieldPath()).isEqualTo("metadata.name");
        assertThat(env(processor, "POD_NAME").getValueFrom().getFieldRef().getFieldPath()).isEqualTo("metadata.name");
        assertThat(processor.getEnv().indexOf(env(processor, "POD_NAME")))
                .as("POD_NAME is defined before the variable that refers to it")
                .isLessThan(processor.getEnv().indexOf(env(processor, "REST_LIVE_ADVERTISED_HOST")));
        assertThat(value(processor, "REST_LIVE_ADVERTISED_HOST"))
                .isEqualTo("$(POD_NAME)." + headless.getMetadata().getName() + "." + RenderedChart.NAMESPACE + ".svc");
        assertThat(value(processor, "REST_LIVE_STANDBY_REPLICAS")).isEqualTo("1");

        // then: the state dir is on a claim per instance
        assertThat(WORKLOADS.processor().getSpec().getVolumeClaimTemplates()).singleElement()
                .satisfies(claim -> assertThat(claim.getMetadata().getName()).isEqualTo("state"));
        assertThat(processor.getVolumeMounts()).anySatisfy(mount -> {
            assertThat(mount.getName()).isEqualTo("state");
            assertThat(value(processor, "REST_LIVE_STATE_DIR")).startsWith(mount.getMountPath() + "/");
        });
    }

    @Test
    void shouldProbeLivenessAndReadinessOnTheirOwnPathsOfTheManagementPort() {
        for (Container container : List.of(WORKLOADS.processorContainer(), WORKLOADS.edgeContainer())) {
            // then: both probes on the management port, each on its own endpoint
            assertThat(path(container.getLivenessProbe())).isEqualTo("/actuator/health/liveness");
            assertThat(path(container.getReadinessProbe())).isEqualTo("/actuator/health/readiness");
            assertThat(path(container.getStartupProbe())).isEqualTo("/actuator/health/liveness");
            for (Probe probe : List.of(container.getLivenessProbe(), container.getReadinessProbe(), container.getStartupProbe())) {
                assertThat(probe.getHttpGet().getPort().getStrVal()).isEqualTo("management");
            }
            // then: the management port is the one the app is told to serve them on, apart from the traffic port
            assertThat(value(container, "MANAGEMENT_SERVER_PORT"))
                    .isEqualTo(String.valueOf(port(container, "management").getContainerPort()))
                    .isNotEqualTo(value(container, "SERVER_PORT"));
        }
        assertThat(port(WORKLOADS.processorContainer(), "http").getContainerPort()).isEqualTo(8081);
        assertThat(value(WORKLOADS.processorContainer(), "SERVER_PORT")).isEqualTo("8081");
        assertThat(port(WORKLOADS.edgeContainer(), "ws").getContainerPort()).isEqualTo(8080);
        assertThat(value(WORKLOADS.edgeContainer(), "SERVER_PORT")).isEqualTo("8080");
    }

    @Test
    void shouldRunEveryPodNonRootOnAReadOnlyRootFilesystemWithoutCapabilities() {
        for (PodTemplateSpec pod : List.of(WORKLOADS.processorPod(), WORKLOADS.edgePod())) {
            PodSpec spec = pod.getSpec();
            assertThat(spec.getSecurityContext().getRunAsNonRoot()).isTrue();
            assertThat(spec.getSecurityContext().getRunAsUser()).isPositive();
            assertThat(spec.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
            assertThat(spec.getAutomountServiceAccountToken()).isFalse();
            Container container = spec.getContainers().get(0);
            assertThat(container.getSecurityContext().getRunAsNonRoot()).isTrue();
            assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
            assertThat(container.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
            assertThat(container.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
            assertThat(container.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
            // then: /tmp stays writable, on an emptyDir
            assertThat(container.getVolumeMounts()).anySatisfy(mount -> {
                assertThat(mount.getMountPath()).isEqualTo("/tmp");
                assertThat(spec.getVolumes()).anySatisfy(volume -> {
                    assertThat(volume.getName()).isEqualTo(mount.getName());
                    assertThat(volume.getEmptyDir()).isNotNull();
                });
            });
            assertThat(container.getResources().getLimits()).containsKey("memory");
            assertThat(container.getResources().getRequests()).containsKeys("cpu", "memory");
            assertThat(value(container, "JAVA_TOOL_OPTIONS")).contains("-XX:MaxRAMPercentage=");
        }
    }

    @Test
    void shouldMountTheViewsInBothWorkloadsAndRollBothWhenTheyChange() throws Exception {
        // given
        ConfigMap views = CHART.one(ConfigMap.class, name("views"));
        String content = views.getData().get("views.yaml");

        // then: the default is the todolist example's file, mounted where both components read it
        assertThat(content.strip()).isEqualTo(Files.readString(Project.dir().resolve("examples/todolist/views.yaml")).strip());
        for (PodTemplateSpec pod : List.of(WORKLOADS.processorPod(), WORKLOADS.edgePod())) {
            Container container = pod.getSpec().getContainers().get(0);
            Path viewsFile = Path.of(value(container, "REST_LIVE_VIEWS"));
            assertThat(viewsFile.getFileName()).hasToString("views.yaml");
            assertThat(container.getVolumeMounts()).anySatisfy(mount -> {
                assertThat(mount.getMountPath()).isEqualTo(viewsFile.getParent().toString());
                assertThat(pod.getSpec().getVolumes()).anySatisfy(volume -> {
                    assertThat(volume.getName()).isEqualTo(mount.getName());
                    assertThat(volume.getConfigMap().getName()).isEqualTo(views.getMetadata().getName());
                });
            });
        }
        // then: one checksum of the content on both pod templates
        assertThat(checksum(WORKLOADS.processorPod())).isEqualTo(checksum(WORKLOADS.edgePod())).isEqualTo(sha256(content));

        // when: other views
        Map<String, String> values = RenderedChart.minimalValues();
        values.put("views", content + "\n# one more line\n");
        ChartWorkloads changed = ChartWorkloads.of(RenderedChart.render(values));

        // then: both pod templates change, so both workloads roll
        assertThat(checksum(changed.processorPod())).isEqualTo(checksum(changed.edgePod()))
                .isNotEqualTo(checksum(WORKLOADS.processorPod()));
    }

    @Test
    void shouldGiveBothComponentsTheSameKafkaSettingsAndInternalSecret() {
        // given
        Container processor = WORKLOADS.processorContainer();
        Container edge = WORKLOADS.edgeContainer();

        // then
        for (String shared : List.of("REST_LIVE_BOOTSTRAP_SERVERS", "REST_LIVE_VIEWS", "REST_LIVE_TOPIC_PREFIX",
                "REST_LIVE_PARTITIONS", "REST_LIVE_BROADCAST_PARTITIONS", "REST_LIVE_REPLICATION")) {
            assertThat(value(edge, shared)).as(shared).isNotBlank().isEqualTo(value(processor, shared));
        }
        assertThat(value(processor, "REST_LIVE_BOOTSTRAP_SERVERS")).isEqualTo("my-cluster-kafka-bootstrap.kafka.svc:9092");
        var processorSecret = env(processor, "REST_LIVE_INTERNAL_SECRET").getValueFrom().getSecretKeyRef();
        assertThat(env(edge, "REST_LIVE_INTERNAL_SECRET").getValueFrom().getSecretKeyRef()).isEqualTo(processorSecret);
        Secret internal = CHART.one(Secret.class, processorSecret.getName());
        assertThat(internal.getData().get(processorSecret.getKey())).isNotBlank();

        // then: edges call the processors' Service on its lookup port
        Service lookups = CHART.one(Service.class, name("processor"));
        assertThat(lookups.getSpec().getSelector()).isEqualTo(WORKLOADS.processor().getSpec().getSelector().getMatchLabels());
        assertThat(value(edge, "REST_LIVE_PROCESSOR_URL")).isEqualTo("http://" + lookups.getMetadata().getName() + "."
                + RenderedChart.NAMESPACE + ".svc:" + lookups.getSpec().getPorts().get(0).getPort());
        assertThat(lookups.getSpec().getPorts().get(0).getTargetPort().getStrVal()).isEqualTo("http");

        // then: edges have stable names of their own; no JWT setting without values
        assertThat(env(edge, "REST_LIVE_EDGE_ID").getValueFrom().getFieldRef().getFieldPath()).isEqualTo("metadata.name");
        assertThat(edge.getEnv()).noneMatch(e -> e.getName().startsWith("REST_LIVE_JWT_"));
        assertThat(CHART.find(Secret.class, name("jwt"))).isEmpty();
    }

    @Test
    void shouldRenderDisruptionBudgetsButNoOtherOptionalResourceByDefault() {
        assertThat(CHART.one(PodDisruptionBudget.class, name("edge")).getSpec().getSelector())
                .isEqualTo(WORKLOADS.edge().getSpec().getSelector());
        assertThat(CHART.one(PodDisruptionBudget.class, name("processor")).getSpec().getSelector())
                .isEqualTo(WORKLOADS.processor().getSpec().getSelector());
        assertThat(CHART.all(HorizontalPodAutoscaler.class)).isEmpty();
        assertThat(CHART.all(ServiceMonitor.class)).isEmpty();
        assertThat(CHART.all(NetworkPolicy.class)).isEmpty();
        assertThat(WORKLOADS.edge().getSpec().getReplicas()).isEqualTo(2);
        assertThat(WORKLOADS.processor().getSpec().getReplicas()).isEqualTo(2);
    }

    @Test
    void shouldLabelEveryResourceWithTheRecommendedLabels() {
        assertThat(CHART.resources()).allSatisfy(resource -> assertThat(resource.getMetadata().getLabels())
                .containsEntry("app.kubernetes.io/name", "rest-live")
                .containsEntry("app.kubernetes.io/instance", RenderedChart.RELEASE)
                .containsEntry("app.kubernetes.io/managed-by", "Helm")
                .containsKeys("app.kubernetes.io/version", "helm.sh/chart"));
        assertThat(WORKLOADS.processorPod().getMetadata().getLabels()).containsEntry("app.kubernetes.io/component", "processor");
        assertThat(WORKLOADS.edgePod().getMetadata().getLabels()).containsEntry("app.kubernetes.io/component", "edge");
    }

    @Test
    void shouldSayInItsNotesThatKafkaComesFromTheUsersCluster() {
        // when: an install that talks to no cluster, which renders NOTES.txt
        String output = new Helm(Project.chart()).install().withName(RenderedChart.RELEASE)
                .withNamespace(RenderedChart.NAMESPACE).withKubeVersion(RenderedChart.KUBE_VERSION)
                .dryRun().withDryRunOption(DryRun.CLIENT).clientOnly()
                .set("kafka.bootstrapServers", "my-cluster-kafka-bootstrap.kafka.svc:9092").call().getOutput();

        // then
        assertThat(output).contains("Kafka: my-cluster-kafka-bootstrap.kafka.svc:9092", "Strimzi",
                "/actuator/health/liveness", "/actuator/health/readiness", "WARNING: no JWT setting");
    }

    @Test
    void shouldDocumentEveryValueInTheDeploymentGuide() throws Exception {
        // given
        Map<String, Object> values = new Yaml().load(Files.readString(Project.chart().resolve("values.yaml")));
        String guide = Files.readString(Project.dir().resolve("docs/deployment.md"));

        // then
        assertThat(leaves("", values)).isNotEmpty().allSatisfy(key -> assertThat(guide).as("docs/deployment.md names %s", key)
                .contains("`" + key + "`"));
    }

    /** Value keys down to the leaves; security contexts and resources are documented as a whole. */
    @SuppressWarnings("unchecked")
    private static List<String> leaves(String prefix, Map<String, Object> values) {
        List<String> keys = new ArrayList<>();
        values.forEach((key, value) -> {
            String path = prefix + key;
            if (value instanceof Map<?, ?> map && !map.isEmpty()
                    && !List.of("podSecurityContext", "securityContext", "resources").contains(key)) {
                keys.addAll(leaves(path + ".", (Map<String, Object>) map));
            } else {
                keys.add(path);
            }
        });
        return keys;
    }

    private static String path(Probe probe) {
        return probe.getHttpGet().getPath();
    }

    private static String checksum(PodTemplateSpec pod) {
        return pod.getMetadata().getAnnotations().get("checksum/views");
    }

    private static String sha256(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }
}
