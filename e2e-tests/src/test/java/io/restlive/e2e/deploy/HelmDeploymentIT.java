package io.restlive.e2e.deploy;

import static io.restlive.e2e.deploy.RenderedChart.name;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import io.restlive.cli.stack.StackJars;
import io.restlive.e2e.support.Changes;
import io.restlive.e2e.support.ProcessorEndpoints;
import io.restlive.e2e.support.WsClient;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The chart's processor StatefulSet and edge Deployment run exactly as Helm renders them (two instances each),
 * each container as the jar its image is built from, on a dev broker standing for the user's Kafka cluster.
 * Every value a container gets comes from the rendered manifests: its environment (field references, the
 * internal Secret, {@code $(POD_NAME)} expanded), the views ConfigMap as a file, its volumes, its ports, its
 * probes. What a cluster provides is replaced as {@link LocalCluster} and {@link LocalContainer} describe
 * (Service DNS names: 127.0.0.1 and a round-robin proxy per Service port; container ports: free local ports).
 * Not covered here: NetworkPolicy enforcement, disruption budgets and the autoscaler (rendered and checked in
 * {@link HelmValuesIT}), the images themselves ({@link ImageLayersIT}).
 */
class HelmDeploymentIT {

    private static final String JWT_SECRET = "a-test-secret-of-at-least-thirty-two-bytes";
    private static final String KAFKA = "my-cluster-kafka-bootstrap.kafka.svc:9092";

    private static Path workDir;
    private static DevBroker broker;
    private static RenderedChart chart;
    private static LocalCluster cluster;
    private static Changes changes;

    @RegisterExtension
    static final LogsOnFailure LOGS = new LogsOnFailure(() -> (broker == null ? "" : broker.process().logTail(20) + "\n")
            + (cluster == null ? "" : cluster.logTails(60)));

    @BeforeAll
    static void deploy() {
        workDir = Project.workDir("helm");
        broker = DevBroker.start(workDir);
        Map<String, String> values = RenderedChart.minimalValues();
        values.put("kafka.bootstrapServers", KAFKA);
        // One broker: the topics the apps create can have one replica only.
        values.put("kafka.replication", "1");
        values.put("jwt.secret", JWT_SECRET);
        values.put("metrics.serviceMonitor.enabled", "true");
        chart = RenderedChart.render(values);
        StackJars jars = Project.jars();
        cluster = new LocalCluster(chart, Map.of("rest-live/subscription-processor", jars.processor(),
                "rest-live/ws-edge", jars.edge()), Map.of(KAFKA, broker.bootstrapServers()), workDir);
        cluster.start();
        // Ready as Kubernetes decides it: each pod's own readiness probe.
        for (LocalPod pod : allPods()) {
            Probes.awaitHttpOk(cluster.process(pod), pod.probeUrl(pod.container().getReadinessProbe()));
        }
        changes = new Changes(broker.bootstrapServers(), "rest-live.");
    }

    @AfterAll
    static void undeploy() {
        if (changes != null) {
            changes.close();
        }
        if (cluster != null) {
            cluster.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void shouldAnswerEveryProbeOnTheManagementPortAndNoneOnTheTrafficPort() {
        for (LocalPod pod : allPods()) {
            for (Probe probe : List.of(pod.container().getStartupProbe(), pod.container().getLivenessProbe(),
                    pod.container().getReadinessProbe())) {
                assertThat(Probes.status(pod.probeUrl(probe))).as("%s %s", pod.name(), probe.getHttpGet().getPath()).isEqualTo(200);
            }
            // then: actuator is not on the port clients and other services use
            int traffic = pod.localPort(new IntOrString(pod.container().getPorts().get(0).getName()));
            assertThat(Probes.status(URI.create("http://127.0.0.1:" + traffic + "/actuator/health/readiness")))
                    .as("%s readiness on its traffic port", pod.name()).isEqualTo(404);
        }
    }

    @Test
    void shouldServePrometheusMetricsWhereTheServiceMonitorsScrape() {
        for (ServiceMonitor monitor : chart.all(ServiceMonitor.class)) {
            var endpoint = monitor.getSpec().getEndpoints().get(0);
            Service scraped = chart.all(Service.class).stream().filter(s -> s.getMetadata().getLabels().entrySet()
                    .containsAll(monitor.getSpec().getSelector().getMatchLabels().entrySet())).findFirst().orElseThrow();
            IntOrString target = scraped.getSpec().getPorts().stream().filter(p -> p.getName().equals(endpoint.getPort()))
                    .findFirst().orElseThrow().getTargetPort();
            List<LocalPod> pods = allPods().stream()
                    .filter(pod -> pod.labels().entrySet().containsAll(scraped.getSpec().getSelector().entrySet())).toList();
            assertThat(pods).as("pods behind %s", scraped.getMetadata().getName()).hasSize(2);
            for (LocalPod pod : pods) {
                String metrics = Probes.body(URI.create("http://127.0.0.1:" + pod.localPort(target) + endpoint.getPath()));
                assertThat(metrics).as("%s %s", pod.name(), endpoint.getPath()).contains("# TYPE jvm_memory_used_bytes gauge");
            }
        }
    }

    @Test
    void shouldFindEveryEntityFromEveryProcessorThroughTheHostsTheyAdvertise() {
        // given: entities on every partition, so each processor owns some and must forward the others
        for (int pk = 101; pk <= 112; pk++) {
            changes.publish(task(pk, "lookup " + pk));
        }

        // then: every instance finds every entity: its own from its store, the others' from the owner it reaches
        // at the owner's REST_LIVE_ADVERTISED_HOST ($(POD_NAME).<headless service>.<namespace>.svc)
        for (LocalPod pod : cluster.pods(name("processor"))) {
            ProcessorEndpoints processor = new ProcessorEndpoints(URI.create("http://127.0.0.1:"
                    + pod.localPort(new IntOrString("http"))), cluster.env(pod, "REST_LIVE_INTERNAL_SECRET"));
            for (int pk = 101; pk <= 112; pk++) {
                String value = String.valueOf(pk);
                await(pod.name() + " to find task " + pk).atMost(WsClient.FRAME_TIMEOUT).ignoreExceptions()
                        .until(() -> processor.hasInstance("todolist.Task", "pk", value));
            }
        }
    }

    @Test
    void shouldDeliverAPublishedChangeToAWebSocketClientOfTheEdgeService() {
        // given: a client of the edges' Service (either edge, as the Service picks), subscribed to the task
        // list; live once a warm-up task reaches it (subscribing is silent in the protocol)
        URI edgeService = URI.create("ws://127.0.0.1:" + cluster.servicePort(name("edge"), "ws") + "/ws/subscribe/");
        try (WsClient client = WsClient.connect(edgeService)) {
            AtomicInteger attempt = new AtomicInteger();
            client.subscribeUntilLive("{\"type\":\"subscribe\",\"id\":1,\"model\":\"todolist.Task\",\"action\":\"list\"}",
                    () -> changes.publish(task(2, "warm-up " + attempt.incrementAndGet())));
            client.clear();

            // when: task 1 is published as a JSON envelope, keyed todolist.Task|1
            changes.publish("{\"model\":\"todolist.Task\",\"pk\":1,\"op\":\"UPSERT\","
                    + "\"instance\":{\"id\":1,\"text\":\"x\",\"done\":false,\"list\":1}}");

            // then
            client.awaitFrame("{\"type\":\"broadcast\",\"id\":1,\"model\":\"todolist.Task\",\"action\":\"CREATED\","
                    + "\"instance\":{\"id\":1,\"text\":\"x\",\"done\":false}}");
        }
    }

    private static String task(int pk, String text) {
        return "{\"model\":\"todolist.Task\",\"pk\":" + pk + ",\"op\":\"UPSERT\",\"instance\":{\"id\":" + pk
                + ",\"text\":\"" + text + "\",\"done\":false,\"list\":1}}";
    }

    private static List<LocalPod> allPods() {
        List<LocalPod> pods = new ArrayList<>(cluster.pods(name("processor")));
        pods.addAll(cluster.pods(name("edge")));
        return pods;
    }
}
