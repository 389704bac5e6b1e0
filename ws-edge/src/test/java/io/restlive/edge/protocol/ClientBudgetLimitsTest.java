package io.restlive.edge.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.restlive.core.json.Json;
import io.restlive.core.views.LiveUser;
import io.restlive.core.views.ViewsFile;
import io.restlive.edge.groups.TestGroups;
import io.restlive.edge.metrics.EdgeMetrics;
import io.restlive.edge.metrics.EdgeMetrics.Limit;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The limits one client (a user, or an anonymous address) has over all its connections together. */
class ClientBudgetLimitsTest {

    private static final ViewsFile VIEWS = ViewsFile.parse("""
            views:
              - name: tasks
                model: todolist.Task
            """, "test");
    /** Per connection: 10 subscriptions, 10 groups, 100/s in bursts of 100: none of them is reached here. */
    private static final SubscriptionLimits.Settings ROOMY = new SubscriptionLimits.Settings(10, 10, 100, 100,
            1024, 1024, 1024);

    private final AtomicLong nanos = new AtomicLong();
    private final EdgeMetrics metrics = EdgeMetrics.inMemory();
    private final SubscriptionProtocol protocol = new SubscriptionProtocol((model, field, value) -> Optional.empty(),
            TestGroups.local(), new SubscriptionLimits(ROOMY, metrics, nanos::get), metrics);
    private final List<String> sent = new ArrayList<>();

    private Connection connection(String name, ClientBudget budget) {
        return new Connection(name, LiveUser.ANONYMOUS, VIEWS.endpoint("/ws/subscribe/").orElseThrow(), false,
                frame -> sent.add(frame.text()), budget);
    }

    private void subscribe(Connection connection, int id) {
        protocol.onText(connection, "{\"type\":\"subscribe\",\"id\":" + id + ",\"model\":\"todolist.Task\","
                + "\"action\":\"list\",\"view_kwargs\":{\"k\":" + id + "}}");
    }

    private JsonNode lastFrame() {
        return Json.parse(sent.get(sent.size() - 1));
    }

    @Test
    void shouldCapTheSubscriptionsOfAllOfAClientsConnectionsTogether() {
        // given: a client that may hold 4 subscriptions, with two connections
        ClientBudget budget = new ClientBudget(new ClientBudget.Settings(1000, 1000, 4, 10, 10, 1000, 1000, 1000, 1000), nanos::get);
        Connection first = connection("c1", budget);
        Connection second = connection("c2", budget);

        // when: 3 on the first, then 2 on the second
        for (int id = 1; id <= 3; id++) {
            subscribe(first, id);
        }
        subscribe(second, 1);
        subscribe(second, 2);

        // then: the fifth is refused, although neither connection is near its own cap
        assertThat(sent).hasSize(1);
        assertThat(lastFrame()).isEqualTo(Json.parse("{\"type\":\"error\",\"id\":2,\"code\":400,\"message\":"
                + "\"Too many subscriptions: at most 4 over all connections of one user; unsubscribe first.\"}"));
        assertThat(metrics.count(Limit.SUBSCRIPTIONS_PER_USER)).isEqualTo(1);
        assertThat(budget.subscriptions()).isEqualTo(4);

        // and: what a connection gives back (an unsubscribe, a close) the others may take
        protocol.onText(first, "{\"type\":\"unsubscribe\",\"id\":1}");
        protocol.onClose(second);
        assertThat(budget.subscriptions()).isEqualTo(2);
        sent.clear();
        subscribe(connection("c3", budget), 1);
        assertThat(sent).isEmpty();
        assertThat(budget.subscriptions()).isEqualTo(3);
    }

    @Test
    void shouldRateTheSubscribesOfAllOfAClientsConnectionsTogether() {
        // given: a client that may subscribe 10 a second in bursts of 3, over all its connections
        ClientBudget budget = new ClientBudget(new ClientBudget.Settings(10, 3, 1000, 10, 10, 1000, 1000, 1000, 1000), nanos::get);
        Connection first = connection("c1", budget);
        Connection second = connection("c2", budget);

        // when: two on each, at once
        subscribe(first, 1);
        subscribe(first, 2);
        subscribe(second, 1);
        subscribe(second, 2);

        // then: the fourth is refused with 429, naming the client's rate
        assertThat(sent).hasSize(1);
        assertThat(lastFrame()).isEqualTo(Json.parse("{\"type\":\"error\",\"id\":2,\"code\":429,\"message\":"
                + "\"Too many subscribes: at most 10 per second over all connections of one user (bursts of 3); slow down.\"}"));
        assertThat(metrics.count(Limit.SUBSCRIBE_RATE_PER_USER)).isEqualTo(1);

        // and: a tenth of a second later, one more is allowed
        nanos.addAndGet(Duration.ofMillis(100).toNanos());
        sent.clear();
        subscribe(second, 3);
        assertThat(sent).isEmpty();
    }

    @Test
    void shouldRateOnlyTheSubscribesThatStartAGroupTheEdgeDidNotHold() {
        // given: a client that may start 10 groups a second in bursts of 2, and a group another client holds
        ClientBudget budget = new ClientBudget(new ClientBudget.Settings(1000, 1000, 1000, 10, 10, 10, 2, 1000, 1000), nanos::get);
        Connection other = connection("other", new ClientBudget(ClientBudget.Settings.UNLIMITED, nanos::get));
        subscribe(other, 7);
        Connection first = connection("c1", budget);
        Connection second = connection("c2", budget);

        // when: two new groups, one on each connection; then the group the edge holds; then a third new one
        subscribe(first, 1);
        subscribe(second, 2);
        subscribe(second, 7);
        subscribe(first, 3);

        // then: only the third new group is refused, with 429 naming the rate
        assertThat(sent).hasSize(1);
        assertThat(lastFrame()).isEqualTo(Json.parse("{\"type\":\"error\",\"id\":3,\"code\":429,\"message\":"
                + "\"Too many new subscriptions: at most 10 per second, over all connections of one user, to groups"
                + " no one on this server holds yet (bursts of 2); slow down.\"}"));
        assertThat(metrics.count(Limit.NEW_GROUP_RATE_PER_USER)).isEqualTo(1);
        assertThat(budget.subscriptions()).isEqualTo(3);

        // and: a tenth of a second later, it is allowed
        nanos.addAndGet(Duration.ofMillis(100).toNanos());
        sent.clear();
        subscribe(first, 3);
        assertThat(sent).isEmpty();
    }

    @Test
    void shouldBeIdleOnlyOnceNothingIsHeldAndTheRatesHaveRefilled() {
        // given
        ClientBudget budget = new ClientBudget(new ClientBudget.Settings(10, 3, 1000, 1, 2, 1000, 1000, 1000, 1000), nanos::get);
        assertThat(budget.idle()).isTrue();

        // when: a handshake and a subscription
        assertThat(budget.tryHandshake()).isTrue();
        Connection connection = connection("c1", budget);
        subscribe(connection, 1);

        // then
        assertThat(budget.idle()).isFalse();
        protocol.onClose(connection);
        assertThat(budget.idle()).as("the handshake rate has not refilled yet").isFalse();
        nanos.addAndGet(Duration.ofSeconds(1).toNanos());
        assertThat(budget.idle()).isTrue();
    }
}
