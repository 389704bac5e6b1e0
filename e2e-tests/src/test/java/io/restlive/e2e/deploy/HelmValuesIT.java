package io.restlive.e2e.deploy;

import static io.restlive.e2e.deploy.ChartWorkloads.env;
import static io.restlive.e2e.deploy.ChartWorkloads.findEnv;
import static io.restlive.e2e.deploy.ChartWorkloads.port;
import static io.restlive.e2e.deploy.ChartWorkloads.value;
import static io.restlive.e2e.deploy.RenderedChart.name;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.openshift.api.model.monitoring.v1.Endpoint;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What each values change renders: replicas and autoscaling, JWT sources, metrics, network policies, persistence. */
class HelmValuesIT {

    @Test
    void shouldRunThreeEdgesWhenAskedFor() {
        ChartWorkloads workloads = ChartWorkloads.of(render(Map.of("edge.replicas", "3")));

        assertThat(workloads.edge().getSpec().getReplicas()).isEqualTo(3);
        assertThat(workloads.processor().getSpec().getReplicas()).isEqualTo(2);
    }

    @Test
    void shouldLeaveTheEdgeCountToTheAutoscalerWhenEnabled() {
        // when
        RenderedChart chart = render(Map.of("edge.autoscaling.enabled", "true", "edge.autoscaling.maxReplicas", "6"));

        // then
        HorizontalPodAutoscaler hpa = chart.one(HorizontalPodAutoscaler.class, name("edge"));
        assertThat(hpa.getSpec().getScaleTargetRef().getKind()).isEqualTo("Deployment");
        assertThat(hpa.getSpec().getScaleTargetRef().getName()).isEqualTo(name("edge"));
        assertThat(hpa.getSpec().getMinReplicas()).isEqualTo(2);
        assertThat(hpa.getSpec().getMaxReplicas()).isEqualTo(6);
        assertThat(hpa.getSpec().getMetrics()).singleElement()
                .satisfies(metric -> assertThat(metric.getResource().getName()).isEqualTo("cpu"));
        assertThat(ChartWorkloads.of(chart).edge().getSpec().getReplicas()).as("replicas left to the HPA").isNull();
    }

    @Test
    void shouldTakeTheJwtSecretFromAnExistingSecret() {
        // when
        RenderedChart chart = render(Map.of("jwt.existingSecret", "auth-keys", "jwt.existingSecretKey", "hs256",
                "jwt.secret", "ignored-when-an-existing-secret-is-named-0123456789"));

        // then
        SecretKeySelector ref = env(ChartWorkloads.of(chart).edgeContainer(), "REST_LIVE_JWT_SECRET").getValueFrom().getSecretKeyRef();
        assertThat(ref.getName()).isEqualTo("auth-keys");
        assertThat(ref.getKey()).isEqualTo("hs256");
        assertThat(chart.find(Secret.class, name("jwt"))).as("no Secret of the chart's own").isEmpty();
        assertThat(findEnv(ChartWorkloads.of(chart).processorContainer(), "REST_LIVE_JWT_SECRET")).isEmpty();
    }

    @Test
    void shouldKeepAGivenJwtSecretInASecretOfItsOwnAndRefuseAShortOne() {
        // given
        String secret = "a-secret-of-at-least-thirty-two-bytes";

        // when
        RenderedChart chart = render(Map.of("jwt.secret", secret, "jwt.issuer", "https://auth.example",
                "jwt.audience", "rest-live", "edge.allowedOrigins", "https://app.example"));

        // then: the value only in the Secret, the edge reading it from there
        Container edge = ChartWorkloads.of(chart).edgeContainer();
        SecretKeySelector ref = env(edge, "REST_LIVE_JWT_SECRET").getValueFrom().getSecretKeyRef();
        Secret created = chart.one(Secret.class, ref.getName());
        assertThat(new String(Base64.getDecoder().decode(created.getData().get(ref.getKey())), StandardCharsets.UTF_8))
                .isEqualTo(secret);
        assertThat(chart.manifests().lines().filter(line -> line.contains(secret))).isEmpty();
        assertThat(value(edge, "REST_LIVE_JWT_ISSUER")).isEqualTo("https://auth.example");
        assertThat(value(edge, "REST_LIVE_JWT_AUDIENCE")).isEqualTo("rest-live");
        assertThat(value(edge, "REST_LIVE_ALLOWED_ORIGINS")).isEqualTo("https://app.example");

        // when / then
        assertThatThrownBy(() -> render(Map.of("jwt.secret", "too-short"))).hasMessageContaining("at least 32 bytes");
    }

    @Test
    void shouldTakeTheInternalSecretFromAnExistingSecret() {
        RenderedChart chart = render(Map.of("internalSecret.existingSecret", "rest-live-internal",
                "internalSecret.existingSecretKey", "token"));

        ChartWorkloads workloads = ChartWorkloads.of(chart);
        for (Container container : List.of(workloads.processorContainer(), workloads.edgeContainer())) {
            SecretKeySelector ref = env(container, "REST_LIVE_INTERNAL_SECRET").getValueFrom().getSecretKeyRef();
            assertThat(ref.getName()).isEqualTo("rest-live-internal");
            assertThat(ref.getKey()).isEqualTo("token");
        }
        assertThat(chart.all(Secret.class)).isEmpty();
    }

    @Test
    void shouldScrapeBothComponentsOnTheirManagementPortsWhenServiceMonitorsAreEnabled() {
        // when
        RenderedChart chart = render(Map.of("metrics.serviceMonitor.enabled", "true"));
        ChartWorkloads workloads = ChartWorkloads.of(chart);

        // then: each monitor selects a Service whose "management" port leads to the container's management port
        assertThat(chart.all(ServiceMonitor.class)).hasSize(2);
        Map<String, Container> containers = Map.of("processor", workloads.processorContainer(), "edge", workloads.edgeContainer());
        containers.forEach((component, container) -> {
            ServiceMonitor monitor = chart.one(ServiceMonitor.class, name(component));
            Endpoint endpoint = monitor.getSpec().getEndpoints().get(0);
            assertThat(endpoint.getPath()).isEqualTo("/actuator/prometheus");
            Service scraped = selectedService(chart, monitor.getSpec().getSelector());
            ServicePort servicePort = scraped.getSpec().getPorts().stream()
                    .filter(p -> p.getName().equals(endpoint.getPort())).findFirst().orElseThrow();
            assertThat(servicePort.getTargetPort().getStrVal()).isEqualTo("management");
            assertThat(scraped.getSpec().getSelector()).containsEntry("app.kubernetes.io/component", component);
            assertThat(port(container, "management").getContainerPort()).isEqualTo(servicePort.getPort());
            assertThat(value(container, "MANAGEMENT_ENDPOINTS_WEB_EXPOSURE_INCLUDE")).contains("prometheus");
        });
    }

    @Test
    void shouldOpenTheLookupPortToEdgesAndProcessorsOnlyWhenNetworkPoliciesAreEnabled() {
        // when
        RenderedChart chart = render(Map.of("networkPolicy.enabled", "true"));
        ChartWorkloads workloads = ChartWorkloads.of(chart);

        // then: the processor's http port only from edge and processor pods; management from the namespace
        NetworkPolicy processor = chart.one(NetworkPolicy.class, name("processor"));
        assertThat(processor.getSpec().getPodSelector()).isEqualTo(workloads.processor().getSpec().getSelector());
        assertThat(processor.getSpec().getPolicyTypes()).containsExactly("Ingress");
        NetworkPolicyIngressRule lookups = rule(processor, "http");
        assertThat(lookups.getFrom()).extracting(NetworkPolicyPeer::getPodSelector)
                .containsExactlyInAnyOrder(workloads.edge().getSpec().getSelector(), workloads.processor().getSpec().getSelector());
        assertThat(lookups.getFrom()).allSatisfy(peer -> assertThat(peer.getNamespaceSelector()).isNull());
        assertThat(rule(processor, "management").getFrom()).singleElement()
                .satisfies(peer -> assertThat(peer.getPodSelector()).isEqualTo(new LabelSelector()));

        // then: the edges' WebSocket port from anywhere
        NetworkPolicy edge = chart.one(NetworkPolicy.class, name("edge"));
        assertThat(rule(edge, "ws").getFrom()).isNullOrEmpty();
        assertThat(rule(edge, "management").getFrom()).singleElement()
                .satisfies(peer -> assertThat(peer.getPodSelector()).isEqualTo(new LabelSelector()));
    }

    @Test
    void shouldOpenTheManagementPortToTheConfiguredPeers() {
        // when: only the monitoring namespace may scrape
        RenderedChart chart = RenderedChart.render(RenderedChart.minimalValues(), """
                networkPolicy:
                  enabled: true
                  managementFrom:
                    - namespaceSelector:
                        matchLabels:
                          kubernetes.io/metadata.name: monitoring
                """);

        // then
        for (String component : List.of("processor", "edge")) {
            assertThat(rule(chart.one(NetworkPolicy.class, name(component)), "management").getFrom()).singleElement()
                    .satisfies(peer -> assertThat(peer.getNamespaceSelector().getMatchLabels())
                            .containsExactly(Map.entry("kubernetes.io/metadata.name", "monitoring")));
        }
    }

    @Test
    void shouldKeepProcessorStateOnAClaimOrInAnEmptyDirAsTheValuesSay() {
        // when
        ChartWorkloads persistent = ChartWorkloads.of(render(Map.of("processor.persistence.size", "20Gi",
                "processor.persistence.storageClassName", "fast")));
        ChartWorkloads ephemeral = ChartWorkloads.of(render(Map.of("processor.persistence.enabled", "false")));

        // then
        var claim = persistent.processor().getSpec().getVolumeClaimTemplates().get(0);
        assertThat(claim.getSpec().getResources().getRequests().get("storage")).hasToString("20Gi");
        assertThat(claim.getSpec().getStorageClassName()).isEqualTo("fast");
        assertThat(persistent.processorPod().getSpec().getVolumes()).noneMatch(v -> v.getName().equals("state"));
        assertThat(ephemeral.processor().getSpec().getVolumeClaimTemplates()).isNullOrEmpty();
        assertThat(ephemeral.processorPod().getSpec().getVolumes())
                .anySatisfy(v -> {
                    assertThat(v.getName()).isEqualTo("state");
                    assertThat(v.getEmptyDir()).isNotNull();
                });
        assertThat(value(ephemeral.processorContainer(), "REST_LIVE_STATE_DIR"))
                .isEqualTo(value(persistent.processorContainer(), "REST_LIVE_STATE_DIR"));
    }

    @Test
    void shouldRefuseAValueOfTheWrongType() {
        assertThatThrownBy(() -> render(Map.of("edge.autoscaling.enabled", "sometimes")))
                .hasMessageContaining("values don't meet the specifications of the schema");
        assertThatThrownBy(() -> render(Map.of("edge.replica", "3"))).hasMessageContaining("replica");
    }

    private static RenderedChart render(Map<String, String> values) {
        Map<String, String> all = RenderedChart.minimalValues();
        all.putAll(values);
        return RenderedChart.render(all);
    }

    private static NetworkPolicyIngressRule rule(NetworkPolicy policy, String port) {
        return policy.getSpec().getIngress().stream()
                .filter(rule -> rule.getPorts().stream().anyMatch(p -> port.equals(p.getPort().getStrVal())))
                .findFirst().orElseThrow(() -> new AssertionError(policy.getMetadata().getName() + " has no rule for " + port));
    }

    private static Service selectedService(RenderedChart chart, LabelSelector selector) {
        List<Service> selected = chart.all(Service.class).stream()
                .filter(s -> s.getMetadata().getLabels().entrySet().containsAll(selector.getMatchLabels().entrySet()))
                .toList();
        assertThat(selected).as("services selected by %s", selector.getMatchLabels()).hasSize(1);
        return selected.get(0);
    }
}
