package io.restlive.edge.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.restlive.core.views.ViewsFile;
import io.restlive.edge.auth.ConnectionCaps;
import io.restlive.edge.auth.OriginPolicy;
import io.restlive.edge.auth.TokenAuthenticator;
import io.restlive.edge.groups.TestGroups;
import io.restlive.edge.metrics.EdgeMetrics;
import io.restlive.edge.metrics.EdgeMetrics.CloseReason;
import io.restlive.edge.metrics.EdgeMetrics.Limit;
import io.restlive.edge.protocol.ClientBudget;
import io.restlive.edge.protocol.SubscriptionProtocol;
import io.restlive.edge.testing.TestEdgeServer;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * A client that keeps sending what the edge must refuse is closed with 1008 once it has caused more error
 * answers than its budget: the limits cap what it gets, this caps what refusing it costs the other clients.
 */
class ErrorLimitCloseTest {

    private static final ViewsFile VIEWS = ViewsFile.parse("""
            views:
              - name: tasks
                model: todolist.Task
            """, "test");

    private final EdgeMetrics metrics = EdgeMetrics.inMemory();
    private final SubscriptionProtocol protocol = new SubscriptionProtocol((model, field, value) -> Optional.empty(),
            TestGroups.local());
    private final Scheduler threads = Schedulers.newBoundedElastic(4, 1000, "test-protocol");

    @AfterEach
    void stop() {
        threads.dispose();
    }

    @Test
    void shouldCloseAClientThatCausesMoreErrorsThanItsBurstAndKeepAnOrdinaryOne() throws Exception {
        LiveWebSocketHandler handler = new LiveWebSocketHandler(VIEWS.endpoint("/ws/subscribe/").orElseThrow(), protocol,
                threads, Duration.ofSeconds(10), 1 << 20, metrics, Schedulers.parallel(), Clock.systemUTC(), null,
                Duration.ofSeconds(60), new LiveWebSocketHandler.ErrorLimit(0.001, 20));
        try (TestEdgeServer server = new TestEdgeServer(new TokenAuthenticator(null), new OriginPolicy(List.of()),
                new ConnectionCaps(10, 10), metrics, handler);
             TestEdgeServer.Client abuser = server.connect(Map.of());
             TestEdgeServer.Client ordinary = server.connect(Map.of())) {
            // when: one client sends 30 frames the edge must refuse, the other a few
            for (int i = 0; i < 30 && !abuser.closed.isDone(); i++) {
                try {
                    abuser.send("{\"type\":\"unsubscribe\",\"id\":" + i + "}");
                } catch (RuntimeException closedMeanwhile) {
                    break;
                }
            }
            for (int i = 0; i < 5; i++) {
                ordinary.send("{\"type\":\"unsubscribe\",\"id\":" + i + "}");
            }

            // then: the first is closed after its 20 error answers; the other keeps its connection
            assertThat(abuser.closed.get(30, TimeUnit.SECONDS)).isEqualTo("1008 too many refused requests");
            assertThat(abuser.frames).hasSize(20);
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> ordinary.frames.size() == 5);
            assertThat(ordinary.open()).isTrue();
            assertThat(metrics.count(CloseReason.TOO_MANY_ERRORS)).isEqualTo(1);
        }
    }

    @Test
    void shouldCloseAtTheClientsBudgetOverItsConnectionsAndRefuseItsReturnWith429() throws Exception {
        // given: 20 error answers per connection, but 15 for the client over all its connections
        LiveWebSocketHandler handler = new LiveWebSocketHandler(VIEWS.endpoint("/ws/subscribe/").orElseThrow(), protocol,
                threads, Duration.ofSeconds(10), 1 << 20, metrics, Schedulers.parallel(), Clock.systemUTC(), null,
                Duration.ofSeconds(60), new LiveWebSocketHandler.ErrorLimit(0.001, 20));
        ConnectionCaps caps = new ConnectionCaps(10, 10, new ClientBudget.Settings(1000, 1000, 1000, 1000, 1000, 1000,
                1000, 0.001, 15), System::nanoTime);
        try (TestEdgeServer server = new TestEdgeServer(new TokenAuthenticator(null), new OriginPolicy(List.of()), caps,
                metrics, handler);
             TestEdgeServer.Client first = server.connect(Map.of());
             TestEdgeServer.Client second = server.connect(Map.of())) {
            // when: 10 refused frames on each of two connections of one (anonymous) client
            for (TestEdgeServer.Client client : List.of(first, second)) {
                for (int i = 0; i < 10; i++) {
                    client.send("{\"type\":\"unsubscribe\",\"id\":" + i + "}");
                }
                if (client == first) {
                    org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> first.frames.size() == 10);
                }
            }

            // then: the second is closed at the client's 16th error, although it caused only 6
            assertThat(second.closed.get(30, TimeUnit.SECONDS)).isEqualTo("1008 too many refused requests");
            assertThat(second.frames).hasSize(5);

            // and: the client cannot come straight back
            try (TestEdgeServer.Client third = server.connect(Map.of())) {
                assertThat(third.refusedWith).isEqualTo(429);
                assertThat(third.retryAfter).isEqualTo("1");
            }
            assertThat(metrics.count(Limit.ERRORS_PER_USER)).isEqualTo(1);
        }
    }
}
