package io.restlive.edge.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.restlive.core.views.ViewsFile;
import io.restlive.edge.auth.ConnectionCaps;
import io.restlive.edge.auth.OriginPolicy;
import io.restlive.edge.auth.TokenPolicy;
import io.restlive.edge.groups.GroupCommands;
import io.restlive.edge.groups.LocalGroups;
import io.restlive.edge.groups.TestGroups;
import io.restlive.edge.metrics.EdgeMetrics;
import io.restlive.edge.metrics.EdgeMetrics.CloseReason;
import io.restlive.edge.protocol.SubscriptionProtocol;
import io.restlive.edge.testing.TestEdgeServer;
import io.restlive.edge.testing.TestTokens;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.scheduler.Schedulers;

/** A connection whose token expires is closed with 4003, "token expired", at expiry; its subscriptions end with it. */
class TokenExpiryCloseTest {

    private static final ViewsFile VIEWS = ViewsFile.parse("""
            views:
              - name: tasks
                model: todolist.Task
            """, "test");

    private final EdgeMetrics metrics = EdgeMetrics.inMemory();
    private final LocalGroups groups = TestGroups.local();
    private final SubscriptionProtocol protocol = new SubscriptionProtocol((model, field, value) -> Optional.empty(), groups);
    private final reactor.core.scheduler.Scheduler threads = Schedulers.newBoundedElastic(4, 100, "test-protocol");

    @AfterEach
    void stop() {
        threads.dispose();
    }

    @Test
    void shouldCloseAConnectionWith4003WhenItsTokenExpires() throws Exception {
        LiveWebSocketHandler handler = new LiveWebSocketHandler(VIEWS.endpoint("/ws/subscribe/").orElseThrow(), protocol,
                threads, Duration.ofSeconds(10), 1 << 20, metrics, Schedulers.parallel(), Clock.systemUTC());
        long exp = Instant.now().getEpochSecond() + 5; // room for a handshake on a loaded machine
        String token = TestTokens.token(TestTokens.SECRET, "{\"sub\":\"u\",\"exp\":" + exp + "}");
        try (TestEdgeServer server = new TestEdgeServer(TestTokens.authenticator(new TokenPolicy(true, Duration.ZERO,
                null, null, true)), new OriginPolicy(List.of()), new ConnectionCaps(10, 10), metrics, handler);
             TestEdgeServer.Client client = server.connect(Map.of("Authorization", "Bearer " + token))) {
            client.send("{\"type\":\"subscribe\",\"id\":1,\"model\":\"todolist.Task\",\"action\":\"list\"}");

            // then
            assertThat(client.closed.get(30, TimeUnit.SECONDS)).isEqualTo("4003 token expired");
            assertThat(System.currentTimeMillis()).isGreaterThanOrEqualTo(exp * 1000);
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                assertThat(metrics.count(CloseReason.TOKEN_EXPIRED)).isEqualTo(1);
                assertThat(groups.size()).as("its subscriptions left their groups").isZero();
                assertThat(metrics.subscriptions()).isZero();
            });
        }
    }
}
