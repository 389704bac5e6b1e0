package io.restlive.e2e.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.restlive.e2e.deploy.ComposeFile.Service;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.utils.AppInfoParser;
import org.junit.jupiter.api.Test;

/** The choices docker-compose.yml makes, read from the file; {@link ComposeDeploymentIT} runs it. */
class ComposeFileIT {

    private static final ComposeFile COMPOSE = ComposeFile.read(Project.dir().resolve("docker-compose.yml"), Map.of());

    @Test
    void shouldRunKraftKafkaOfTheClientsVersionWithoutTopicAutoCreationBehindAHealthCheck() {
        // given
        Service kafka = COMPOSE.service("kafka");
        Map<String, String> env = kafka.environment();

        // then: the broker of the Kafka version the apps are built with, broker and controller in one
        assertThat(kafka.image()).contains("apache/kafka:" + AppInfoParser.getVersion());
        assertThat(env.get("KAFKA_PROCESS_ROLES")).isEqualTo("broker,controller");
        assertThat(env.get("KAFKA_AUTO_CREATE_TOPICS_ENABLE")).isEqualTo("false");
        assertThat(env.get("KAFKA_LISTENERS")).contains("PLAINTEXT://:9092");
        assertThat(env.get("KAFKA_ADVERTISED_LISTENERS")).contains("PLAINTEXT://kafka:9092");
        assertThat(kafka.healthCheck()).contains("localhost:9092");

        // then: the apps create their topics; nothing else does
        assertThat(COMPOSE.services()).noneMatch(s -> String.valueOf(s.spec().get("command")).contains("kafka-topics"));
        assertThat(COMPOSE.services()).filteredOn(s -> !s.buildArgs().isEmpty())
                .allSatisfy(s -> assertThat(s.environment().get("REST_LIVE_BOOTSTRAP_SERVERS")).isEqualTo("kafka:9092"));
    }

    @Test
    void shouldStartEachServiceOnlyOnceWhatItNeedsIsHealthy() {
        for (Service service : COMPOSE.services()) {
            service.dependsOn().forEach((dependency, condition) -> {
                assertThat(condition).as("%s on %s", service.name(), dependency).isIn("service_healthy", "service_started");
                if (condition.equals("service_healthy")) {
                    assertThat(COMPOSE.service(dependency).healthCheck()).as("%s's health check", dependency).isNotEmpty();
                }
            });
        }
        for (String app : List.of("processor-1", "processor-2", "edge-1", "edge-2", "todolist")) {
            assertThat(COMPOSE.service(app).healthCheck()).as(app).anySatisfy(arg -> assertThat(arg).endsWith("/actuator/health/readiness"));
        }
        assertThat(COMPOSE.service("processor-1").dependsOn()).containsEntry("kafka", "service_healthy");
        assertThat(COMPOSE.service("edge-1").dependsOn()).containsEntry("processor-1", "service_healthy");
        assertThat(COMPOSE.service("todolist").dependsOn()).containsEntry("postgres", "service_healthy");
        assertThat(COMPOSE.service("lb").dependsOn()).containsOnlyKeys("edge-1", "edge-2")
                .containsValues("service_healthy");
    }

    @Test
    void shouldGiveEachProcessorItsOwnIdentityAndTheEdgesOneNameForBoth() {
        List<Service> processors = List.of(COMPOSE.service("processor-1"), COMPOSE.service("processor-2"));
        for (Service processor : processors) {
            Map<String, String> env = processor.environment();
            assertThat(env.get("REST_LIVE_INSTANCE_ID")).isEqualTo(processor.name());
            assertThat(env.get("REST_LIVE_ADVERTISED_HOST")).isEqualTo(processor.name());
            assertThat(env.get("REST_LIVE_STANDBY_REPLICAS")).isEqualTo("1");
            assertThat(env.get("REST_LIVE_REGISTRY_URL")).startsWith("http://registry:8080/");
            assertThat(processor.aliases()).containsExactly("processor");
        }
        assertThat(processors.get(0).volumes()).doesNotContainValue(processors.get(1).volumes().get("/var/lib/rest-live"));
        for (String edge : List.of("edge-1", "edge-2")) {
            Map<String, String> env = COMPOSE.service(edge).environment();
            assertThat(env.get("REST_LIVE_PROCESSOR_URL")).isEqualTo("http://processor:8081");
            assertThat(env.get("REST_LIVE_EDGE_ID")).isEqualTo(edge);
            assertThat(env.get("REST_LIVE_INTERNAL_SECRET")).isEqualTo(processors.get(0).environment().get("REST_LIVE_INTERNAL_SECRET"));
            assertThat(env.get("REST_LIVE_BROADCAST_PARTITIONS")).isEqualTo(processors.get(0).environment().get("REST_LIVE_BROADCAST_PARTITIONS"));
        }
    }

    @Test
    void shouldPutBothEdgesBehindALoadBalancerThatForwardsWebSocketUpgrades() {
        // given
        Service lb = COMPOSE.service("lb");
        String conf = lb.volumes().get("/etc/nginx/conf.d/default.conf");

        // when
        NginxConf nginx = NginxConf.read(Project.dir().resolve(Path.of(conf).normalize()));

        // then
        assertThat(nginx.upstreams()).containsExactly("edge-1:8080", "edge-2:8080");
        assertThat(nginx.forwardsUpgrades()).isTrue();
        assertThat(lb.publishedPorts()).containsEntry(nginx.listen(), 8080);
    }

    @Test
    void shouldGiveEveryJavaServiceAMemoryLimitAndItsHeapAShareOfIt() {
        assertThat(COMPOSE.services()).filteredOn(s -> !s.buildArgs().isEmpty()).allSatisfy(s -> {
            assertThat(s.memoryLimitBytes()).as(s.name()).isNotNull();
            assertThat(s.environment().get("JAVA_TOOL_OPTIONS")).as(s.name()).contains("-XX:MaxRAMPercentage=");
        });
    }
}
