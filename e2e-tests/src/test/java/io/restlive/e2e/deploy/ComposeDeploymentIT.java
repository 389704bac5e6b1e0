package io.restlive.e2e.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.restlive.e2e.support.TodolistApi;
import io.restlive.e2e.support.WsClient;
import io.restlive.testing.PostgresDatabase;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/**
 * docker-compose.yml run as it describes it ({@link LocalCompose}): its services started in the order their
 * health-gated {@code depends_on} allows, each Java service as the jar its image is built from with the
 * environment, ports, volumes and memory limit the file gives it. Stand-ins: the dev broker for the Kafka image,
 * a database of the machine's PostgreSQL (127.0.0.1:5432, trust auth) for the postgres image, a TCP proxy over
 * nginx.conf's upstream servers for nginx. The Apicurio registry is left out (no image can run here): the
 * processors get its address, which nothing answers, and this test publishes no registry envelope.
 */
class ComposeDeploymentIT {

    @RegisterExtension
    @Order(1)
    static final PostgresDatabase DATABASE = PostgresDatabase.perTestClass("compose");

    private static LocalCompose compose;

    @RegisterExtension
    @Order(2)
    static final LogsOnFailure LOGS = new LogsOnFailure(() -> compose == null ? "" : compose.logTails(60));

    @BeforeAll
    static void up() {
        compose = new LocalCompose(ComposeFile.read(Project.dir().resolve("docker-compose.yml"), Map.of()),
                Project.workDir("compose"), DATABASE.url(), PostgresDatabase.USER);
        compose.up();
    }

    @AfterAll
    static void down() {
        if (compose != null) {
            compose.close();
        }
    }

    @Test
    void shouldStartEveryServiceAfterWhatItDependsOn() {
        List<String> order = compose.startOrder();

        assertThat(order.indexOf("kafka")).isLessThan(order.indexOf("processor-1")).isLessThan(order.indexOf("processor-2"));
        assertThat(order.indexOf("processor-2")).isLessThan(order.indexOf("edge-1"));
        assertThat(order.indexOf("postgres")).isLessThan(order.indexOf("todolist"));
        assertThat(order.indexOf("edge-2")).isLessThan(order.indexOf("lb"));
    }

    @Test
    void shouldDeliverATaskCreatedThroughTheAppToClientsOfBothEdgesBehindTheLoadBalancer() {
        // given: two clients on the load balancer's published port, one per edge (it takes them in turn)
        URI webSockets = URI.create("ws://127.0.0.1:" + compose.publishedPort(8080) + "/ws/subscribe/");
        TodolistApi app = new TodolistApi(URI.create("http://127.0.0.1:" + compose.publishedPort(8000)));
        long list = app.create("/api/lists/", "{\"name\":\"compose\"}").get("id").asLong();
        try (WsClient first = WsClient.connect(webSockets); WsClient second = WsClient.connect(webSockets)) {
            String subscribe = "{\"type\":\"subscribe\",\"id\":1,\"model\":\"todolist.Task\",\"action\":\"list\","
                    + "\"view_kwargs\":{\"list\":" + list + "}}";
            for (WsClient client : List.of(first, second)) {
                client.subscribeUntilLive(subscribe, () -> app.create("/api/tasks/", "{\"text\":\"warm-up\",\"list\":" + list + "}"));
                client.clear();
            }

            // when: the app creates a task (PostgreSQL and its outbox in one transaction, then the relay)
            JsonNode task = app.create("/api/tasks/", "{\"text\":\"through compose\",\"list\":" + list + "}");

            // then
            String created = "{\"type\":\"broadcast\",\"id\":1,\"model\":\"todolist.Task\",\"action\":\"CREATED\","
                    + "\"instance\":{\"id\":" + task.get("id").asLong() + ",\"text\":\"through compose\",\"done\":false}}";
            first.awaitFrame(created);
            second.awaitFrame(created);
        }
    }
}
