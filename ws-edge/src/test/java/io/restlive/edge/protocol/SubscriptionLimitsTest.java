package io.restlive.edge.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.restlive.core.json.Json;
import io.restlive.core.views.LiveUser;
import io.restlive.core.views.ViewsFile;
import io.restlive.edge.groups.GroupCommands;
import io.restlive.edge.groups.LocalGroups;
import io.restlive.edge.groups.TestGroups;
import io.restlive.edge.metrics.EdgeMetrics;
import io.restlive.edge.metrics.EdgeMetrics.Limit;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** What one connection may ask: each limit answers with an error frame and leaves the connection as it was. */
class SubscriptionLimitsTest {

    private static final ViewsFile VIEWS = ViewsFile.parse("""
            views:
              - name: tasks
                model: todolist.Task
            """, "test");
    private static final SubscriptionLimits.Settings SMALL = new SubscriptionLimits.Settings(3, 2, 10, 5, 16, 64, 64);

    private final AtomicLong nanos = new AtomicLong();
    private final EdgeMetrics metrics = EdgeMetrics.inMemory();
    private final LocalGroups groups = TestGroups.local();
    private final SubscriptionProtocol protocol = new SubscriptionProtocol((model, field, value) -> Optional.empty(),
            groups, new SubscriptionLimits(SMALL, metrics, nanos::get), metrics);
    private final List<String> sent = new ArrayList<>();
    private final Connection connection = new Connection("c1", LiveUser.ANONYMOUS,
            VIEWS.endpoint("/ws/subscribe/").orElseThrow(), sent::add);

    private void subscribe(Object id, String extra) {
        protocol.onText(connection, "{\"type\":\"subscribe\",\"id\":" + id + ",\"model\":\"todolist.Task\","
                + "\"action\":\"list\"" + extra + "}");
    }

    private JsonNode lastFrame() {
        return Json.parse(sent.get(sent.size() - 1));
    }

    @Test
    void shouldRefuseASubscriptionBeyondTheConnectionsLimit() {
        // given: three subscriptions of two groups
        subscribe(1, "");
        subscribe(2, "");
        subscribe(3, ",\"view_kwargs\":{\"list\":1}");
        assertThat(sent).isEmpty();

        // when
        subscribe(4, "");

        // then
        assertThat(lastFrame()).isEqualTo(Json.parse("{\"type\":\"error\",\"id\":4,\"code\":400,"
                + "\"message\":\"Too many subscriptions: at most 3 on one connection; unsubscribe first.\"}"));
        assertThat(metrics.count(Limit.SUBSCRIPTIONS)).isEqualTo(1);
        assertThat(metrics.subscriptions()).isEqualTo(3);

        // and an unsubscribe makes room again
        protocol.onText(connection, "{\"type\":\"unsubscribe\",\"id\":1}");
        subscribe(4, "");
        assertThat(sent).hasSize(1);
    }

    @Test
    void shouldRefuseANewGroupBeyondTheLimitButNotAnotherSubscriptionOfAHeldGroup() {
        subscribe(1, ",\"view_kwargs\":{\"list\":1}");
        subscribe(2, ",\"view_kwargs\":{\"list\":2}");

        // when: a third group, then a second subscription of a held one
        subscribe(3, ",\"view_kwargs\":{\"list\":3}");
        subscribe(4, ",\"view_kwargs\":{\"list\":1}");

        // then
        assertThat(sent).singleElement().satisfies(frame -> {
            assertThat(Json.parse(frame).get("id").asInt()).isEqualTo(3);
            assertThat(Json.parse(frame).get("code").asInt()).isEqualTo(400);
            assertThat(Json.parse(frame).get("message").asString()).startsWith("Too many distinct subscriptions: at most 2");
        });
        assertThat(groups.size()).isEqualTo(2);
        assertThat(metrics.count(Limit.GROUPS)).isEqualTo(1);
    }

    @Test
    void shouldRefuseSubscribesFasterThanTheRateAfterTheBurst() {
        // when: the burst of 5, then one more at once
        for (int id = 1; id <= 6; id++) {
            subscribe(id, ",\"view_kwargs\":{\"oops\":" + id + "}");
            protocol.onText(connection, "{\"type\":\"unsubscribe\",\"id\":" + id + "}");
        }

        // then: the sixth subscribe is refused (and so its unsubscribe finds nothing)
        assertThat(Json.parse(sent.get(0))).isEqualTo(Json.parse("{\"type\":\"error\",\"id\":6,\"code\":429,"
                + "\"message\":\"Too many subscribes: at most 10 per second on one connection (bursts of 5); slow down.\"}"));
        assertThat(lastFrame().get("code").asInt()).isEqualTo(404);
        assertThat(metrics.count(Limit.SUBSCRIBE_RATE)).isEqualTo(1);

        // and after a tenth of a second (10/s), one more is allowed
        nanos.addAndGet(Duration.ofMillis(100).toNanos());
        sent.clear();
        subscribe(7, "");
        assertThat(sent).isEmpty();
    }

    @Test
    void shouldRefuseOversizedValuesWith400NotingTheirSize() {
        subscribe(1, ",\"lookup_by\":\"" + "x".repeat(100) + "\"");
        assertThat(lastFrame().get("message").asString()).isEqualTo("`lookup_by` is too large: 102 bytes, at most 16.");

        subscribe(2, ",\"query_params\":{\"q\":\"" + "y".repeat(100) + "\"}");
        assertThat(lastFrame().get("message").asString()).startsWith("`query_params` is too large:");

        subscribe(3, ",\"view_kwargs\":{\"k\":\"" + "é".repeat(40) + "\"}");
        assertThat(lastFrame().get("message").asString()).as("measured in UTF-8 bytes")
                .isEqualTo("`view_kwargs` is too large: 88 bytes, at most 64.");

        assertThat(sent).extracting(frame -> Json.parse(frame).get("code").asInt()).containsOnly(400);
        assertThat(metrics.count(Limit.LOOKUP_BY_SIZE) + metrics.count(Limit.QUERY_PARAMS_SIZE)
                + metrics.count(Limit.VIEW_KWARGS_SIZE)).isEqualTo(3);
        assertThat(connection.subscriptionCount()).isZero();
    }
}
