package io.restlive.e2e.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.restlive.cli.stack.StackProcess;
import io.restlive.e2e.support.Changes;
import io.restlive.e2e.support.ProcessorEndpoints;
import io.restlive.e2e.support.StackExtension;
import io.restlive.e2e.support.WsClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An edge killed with SIGKILL never retracts its groups: the processor expires them once the edge's
 * heartbeats stop, and keeps the groups another edge still holds.
 */
class EdgeDeathIT {

    @RegisterExtension
    static final StackExtension STACK = StackExtension.withEdges(2, builder -> builder
            .viewsFile(Path.of("src/test/resources/semantics-views.yaml").toAbsolutePath())
            .edgeEnv("REST_LIVE_HEARTBEAT_INTERVAL", "1s")
            .processorEnv("REST_LIVE_EDGE_TTL", "3s"));

    private static final String TASK = "todolist.Task";

    @Test
    void shouldExpireTheGroupsOfAKilledEdgeAndKeepTheSharedOnes() throws Exception {
        Changes changes = STACK.changes();
        ProcessorEndpoints processor = ProcessorEndpoints.of(STACK.stack());
        try (WsClient survivor = STACK.connect(1); WsClient doomed = STACK.connect(2)) {
            // given: list 1 is held by both edges, list 2 by edge 2 only
            survivor.send(subscribe(1, 1));
            doomed.send(subscribe(1, 1));
            doomed.send(subscribe(2, 2));
            await("both groups live on the processor").atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> assertThat(processor.liveGroups()).isEqualTo(2));

            // when: edge 2 is killed, so it cannot leave its groups
            StackProcess edge2 = STACK.stack().processes().stream().filter(p -> p.name().equals("edge-2"))
                    .findFirst().orElseThrow();
            ProcessHandle.of(edge2.pid()).orElseThrow().destroyForcibly();
            edge2.onExit().get(60, TimeUnit.SECONDS);

            // then: its session expires and the group only it held is gone; the shared one stays
            await("the killed edge's groups to expire").atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(500))
                    .untilAsserted(() -> assertThat(processor.liveGroups()).isEqualTo(1));
            assertThat(processor.expiredEdges()).isGreaterThanOrEqualTo(1);

            // and the surviving edge's subscriber still receives list 1's changes
            changes.upsert(TASK, 31, "{\"id\":31,\"text\":\"still live\",\"done\":false,\"list\":1}");
            survivor.awaitFrame("{\"type\":\"broadcast\",\"id\":1,\"model\":\"todolist.Task\",\"action\":\"CREATED\","
                    + "\"instance\":{\"id\":31,\"text\":\"still live\",\"done\":false}}");
            assertThat(processor.liveGroups()).isEqualTo(1);
        }
    }

    private static String subscribe(int id, int list) {
        return "{\"type\":\"subscribe\",\"id\":" + id + ",\"model\":\"todolist.Task\",\"action\":\"list\","
                + "\"view_kwargs\":{\"list\":" + list + "}}";
    }
}
